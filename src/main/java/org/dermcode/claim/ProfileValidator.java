package org.dermcode.claim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleCatalog;
import org.dermcode.terminology.DermcodeValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a Claim against the {@code derm-claim} profile with HAPI's instance validator. The
 * validator and its support chain (base definitions, the server's own terminology and profiles,
 * common code systems) are built once; {@link #warmUp} makes the first, slow validation happen
 * at start-up instead of on a user's request.
 */
public final class ProfileValidator {

    public static final String PROFILE = "http://dermcode.org/fhir/StructureDefinition/derm-claim";
    static final String RULE_ID = "PROFILE";

    private static final Logger log = LoggerFactory.getLogger(ProfileValidator.class);
    private static final Pattern LINE = Pattern.compile("^Claim\\.item\\[(\\d+)]");
    /** Messages that are advice about authoring resources, not about the claim's content. */
    private static final Set<String> IGNORED = Set.of("Validation_VAL_Profile_Unknown_NotPolicy");

    private final FhirValidator validator;
    private final String ruleName;

    public ProfileValidator(FhirContext fhirContext, DermcodeValidationSupport terminology, RuleCatalog catalog) {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                terminology,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setAnyExtensionsAllowed(true);
        module.setBestPracticeWarningLevel(org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel.Ignore);
        module.setAssumeValidRestReferences(true);
        this.validator = fhirContext.newValidator().registerValidatorModule(module);
        this.validator.setValidateAgainstStandardSchema(false);
        this.validator.setValidateAgainstStandardSchematron(false);
        this.ruleName = catalog.get(RULE_ID).name();
    }

    public List<Finding> validate(Claim claim) {
        ValidationResult result = validator.validateWithResult(claim, new ValidationOptions().addProfile(PROFILE));
        List<Finding> findings = new ArrayList<>();
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.INFORMATION
                    || (message.getMessageId() != null && IGNORED.contains(message.getMessageId()))) {
                continue;
            }
            String location = message.getLocationString() == null ? "Claim" : message.getLocationString();
            Matcher line = LINE.matcher(location);
            findings.add(new Finding(RULE_ID, ruleName, severity(message.getSeverity()), IssueType.STRUCTURE,
                    line.find() ? Integer.parseInt(line.group(1)) : Finding.CLAIM_LEVEL, location,
                    "Profile derm-claim: " + message.getMessage()
                            + (message.getMessageId() == null ? "" : " [" + message.getMessageId() + "]")));
        }
        return findings;
    }

    /** Runs one validation so that HAPI loads its definitions now rather than on the first request. */
    public void warmUp(Claim sample) {
        long start = System.nanoTime();
        validate(sample);
        log.info("Profile validator warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static IssueSeverity severity(ResultSeverityEnum severity) {
        return switch (severity) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            case INFORMATION -> IssueSeverity.INFORMATION;
        };
    }
}
