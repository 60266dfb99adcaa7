package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.TranslateConceptResults;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dermcode.ServerIT;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.RemoteTerminologyServiceValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseParameters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HAPI's own remote-terminology client ({@link RemoteTerminologyServiceValidationSupport}, what
 * HAPI-based EHRs and validators use) pointed at this server, alone and inside a fresh instance
 * validator chain that checks claims against the derm-claim profile.
 */
class RemoteTerminologyIT extends ServerIT {

    private static final String PROFILE = "http://dermcode.org/fhir/StructureDefinition/derm-claim";
    private static final String VS = "http://dermcode.org/fhir/ValueSet/";
    private static final Path EXAMPLES = Path.of("examples", "claims");

    /** A fresh context: nothing cached from the server's own validator. */
    private final FhirContext ctx = FhirContext.forR4();
    private RemoteTerminologyServiceValidationSupport remote;
    private ValidationSupportContext supportContext;

    @BeforeEach
    void remote() {
        remote = new RemoteTerminologyServiceValidationSupport(ctx, baseUrl());
        supportContext = new ValidationSupportContext(new ValidationSupportChain(remote));
    }

    private CodeValidationResult validate(IValidationSupport support, String system, String code, String display,
            String valueSet) {
        return support.validateCode(supportContext, new ConceptValidationOptions(), system, code, display, valueSet);
    }

    @Test
    void fetchesCodeSystemsAndValueSetsBySearchingTheirUrl() {
        assertThat(remote.isCodeSystemSupported(supportContext, SystemUrls.CPT)).isTrue();
        assertThat(remote.isCodeSystemSupported(supportContext, SystemUrls.ICD10CM)).isTrue();
        assertThat(remote.isCodeSystemSupported(supportContext, "http://example.org/no-such-system")).isFalse();
        assertThat(remote.isValueSetSupported(supportContext, VS + "derm-procedures")).isTrue();
        assertThat(remote.fetchCodeSystem(SystemUrls.CPT)).isNotNull();
    }

    @Test
    void goodCptHcpcsAndIcd10CodesPass() {
        CodeValidationResult biopsy = validate(remote, SystemUrls.CPT, "11102", null, null);
        assertThat(biopsy.isOk()).as(String.valueOf(biopsy.getMessage())).isTrue();
        assertThat(biopsy.getDisplay()).containsIgnoringCase("biopsy");
        assertThat(validate(remote, SystemUrls.HCPCS, "J7308", null, null).isOk()).isTrue();
        assertThat(validate(remote, SystemUrls.ICD10CM, "L57.0", null, null).isOk()).isTrue();
        assertThat(validate(remote, SystemUrls.CPT, "17311", null, VS + "derm-mohs").isOk()).isTrue();
        assertThat(validate(remote, SystemUrls.ICD10CM, "C44.311", null, VS + "derm-diagnoses").isOk()).isTrue();
    }

    @Test
    void unknownCodesAreReportedWithTheServersMessage() {
        CodeValidationResult cpt = validate(remote, SystemUrls.CPT, "00000", null, VS + "derm-procedures");
        assertThat(cpt.isOk()).isFalse();
        assertThat(cpt.getSeverity()).isEqualTo(IValidationSupport.IssueSeverity.ERROR);
        assertThat(cpt.getMessage()).contains("Unknown code '00000'");

        CodeValidationResult icd = validate(remote, SystemUrls.ICD10CM, "L99.999", null, VS + "derm-diagnoses");
        assertThat(icd.isOk()).isFalse();
        assertThat(icd.getMessage()).contains("L99.999");

        CodeValidationResult rule = validate(remote, SystemUrls.CLAIM_RULE, "NO-SUCH-RULE", null, null);
        assertThat(rule.isOk()).isFalse();
        assertThat(rule.getMessage()).contains("NO-SUCH-RULE");

        CodeValidationResult notInValueSet = validate(remote, SystemUrls.CPT, "17000", null, VS + "derm-mohs");
        assertThat(notInValueSet.isOk()).isFalse();
        assertThat(notInValueSet.getMessage()).contains("17000").contains("derm-mohs");

        // the CPT CodeSystem is a fragment: outside a value set, an unknown code "may still be valid"
        assertThat(validate(remote, SystemUrls.CPT, "00000", null, null).isOk()).isTrue();
    }

    @Test
    void retiredCodesAreReportedForTheDateOfService() {
        // HAPI's client sends no date: a retired code is then valid with a note, which HAPI keeps only
        // for failures. An EHR checking a claim adds the date of service, and the server says why.
        DatedRemoteTerminology dated = new DatedRemoteTerminology(ctx, baseUrl(), "2024-02-20");
        CodeValidationResult retired = validate(dated, SystemUrls.CPT, "99201", null, VS + "derm-em");
        assertThat(retired.isOk()).isFalse();
        assertThat(retired.getMessage()).contains("99201").contains("2021-01-01");
        CodeValidationResult retiredInCodeSystem = validate(dated, SystemUrls.CPT, "11100", null, null);
        assertThat(retiredInCodeSystem.isOk()).isFalse();
        assertThat(retiredInCodeSystem.getMessage()).contains("11100").contains("2019-01-01");
        assertThat(validate(dated, SystemUrls.CPT, "99213", null, VS + "derm-em").isOk()).isTrue();

        // $lookup (code sent as valueString) tells the status of a retired code without a date
        IValidationSupport.LookupCodeResult lookup = remote.lookupCode(supportContext,
                new LookupCodeRequest(SystemUrls.CPT, "99201", null, Set.of("status", "retirementDate")));
        assertThat(lookup.isFound()).isTrue();
        assertThat(lookup.getProperties()).anySatisfy(p -> {
            assertThat(p.getPropertyName()).isEqualTo("status");
            assertThat(((IValidationSupport.StringConceptProperty) p).getValue()).isEqualTo("retired");
        });
        IValidationSupport.LookupCodeResult unknown = remote.lookupCode(supportContext,
                new LookupCodeRequest(SystemUrls.CPT, "00000"));
        assertThat(unknown.isFound()).isFalse();
    }

    @Test
    void translateFindsTheReplacementOfARetiredCode() {
        TranslateConceptResults results = remote.translateConcept(new IValidationSupport.TranslateCodeRequest(
                List.of(new Coding(SystemUrls.CPT, "11100", null)), null,
                "http://dermcode.org/fhir/ConceptMap/cpt-retired-replacements", null, null, null, null, false));
        assertThat(results.getResult()).isTrue();
        assertThat(results.getResults()).extracting(r -> r.getCode()).contains("11102");
    }

    private FhirValidator validator(IValidationSupport terminology) {
        PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(ctx);
        profiles.addStructureDefinition(client.read().resource(StructureDefinition.class).withId("derm-claim").execute());
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                profiles,
                terminology,
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setNoTerminologyChecks(false);
        return ctx.newValidator().registerValidatorModule(module);
    }

    private Claim claim(String file) throws Exception {
        Claim claim = ctx.newJsonParser().parseResource(Claim.class, Files.readString(EXAMPLES.resolve(file)));
        claim.getMeta().addProfile(PROFILE);
        return claim;
    }

    /** Warnings and errors, less the best-practice advice that a resource should have a narrative. */
    private static List<SingleValidationMessage> problems(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                .filter(m -> !m.getMessage().contains("dom-6")).toList();
    }

    @Test
    void profileValidationOfACleanClaimThroughTheRemoteServerHasNoProblems() throws Exception {
        ValidationResult result = validator(remote).validateWithResult(claim("01-clean-em-with-biopsy.json"));
        assertThat(problems(result)).as(describe(result)).isEmpty();
        ValidationResult mohs = validator(remote).validateWithResult(claim("03-clean-mohs-nose.json"));
        assertThat(problems(mohs)).as(describe(mohs)).isEmpty();
    }

    @Test
    void profileValidationReportsUnknownCodesWithTheServersMessage() throws Exception {
        Claim claim = claim("01-clean-em-with-biopsy.json");
        claim.getItemFirstRep().getProductOrService().getCodingFirstRep().setCode("00000");
        ((CodeableConcept) claim.getDiagnosisFirstRep().getDiagnosis()).getCodingFirstRep().setCode("L99.999");
        ValidationResult result = validator(remote).validateWithResult(claim);
        String all = describe(result);
        assertThat(result.getMessages()).as(all).anySatisfy(m -> {
            assertThat(m.getSeverity()).isEqualTo(ResultSeverityEnum.ERROR);
            assertThat(m.getLocationString()).startsWith("Claim.item[0].productOrService");
            assertThat(m.getMessage()).contains("Unknown code '00000'");
        });
        assertThat(result.getMessages()).as(all).anySatisfy(m -> {
            assertThat(m.getSeverity()).isEqualTo(ResultSeverityEnum.ERROR);
            assertThat(m.getLocationString()).startsWith("Claim.diagnosis[0]");
            assertThat(m.getMessage()).contains("L99.999");
        });
    }

    @Test
    void profileValidationReportsARetiredCodeForTheDateOfService() throws Exception {
        Claim claim = claim("30-retired-99201.json");
        String dateOfService = claim.getItemFirstRep().getServicedDateType().getValueAsString();
        ValidationResult result = validator(new DatedRemoteTerminology(ctx, baseUrl(), dateOfService))
                .validateWithResult(claim);
        assertThat(result.getMessages()).as(describe(result)).anySatisfy(m -> {
            assertThat(m.getSeverity()).isEqualTo(ResultSeverityEnum.ERROR);
            assertThat(m.getLocationString()).startsWith("Claim.item[0].productOrService");
            assertThat(m.getMessage()).contains("99201").contains("2021-01-01");
        });
        // the clean claim stays clean when checked as of its date of service
        Claim clean = claim("01-clean-em-with-biopsy.json");
        ValidationResult cleanResult = validator(new DatedRemoteTerminology(ctx, baseUrl(),
                clean.getItemFirstRep().getServicedDateType().getValueAsString())).validateWithResult(clean);
        assertThat(problems(cleanResult)).as(describe(cleanResult)).isEmpty();
    }

    private static String describe(ValidationResult result) {
        StringBuilder text = new StringBuilder();
        for (SingleValidationMessage m : result.getMessages()) {
            text.append('\n').append(m.getSeverity()).append(' ').append(m.getLocationString()).append(": ")
                    .append(m.getMessage());
        }
        return text.toString();
    }

    /** HAPI's client plus the date of service, the one thing its $validate-code requests leave out. */
    static final class DatedRemoteTerminology extends RemoteTerminologyServiceValidationSupport {

        private final String date;

        DatedRemoteTerminology(FhirContext ctx, String baseUrl, String date) {
            super(ctx, baseUrl);
            this.date = date;
        }

        @Override
        protected IBaseParameters buildValidateCodeInputParameters(String system, String code, String display,
                String valueSetUrl, IBaseResource valueSet) {
            Parameters parameters = (Parameters) super.buildValidateCodeInputParameters(system, code, display,
                    valueSetUrl, valueSet);
            parameters.addParameter("date", new DateTimeType(date));
            return parameters;
        }

        /** HAPI looks its messages up under the class name: keep the ones of the class it extends. */
        @Override
        protected String getErrorMessage(String errorCode, Object... params) {
            return getFhirContext().getLocalizer().getMessage(RemoteTerminologyServiceValidationSupport.class,
                    errorCode, params);
        }
    }
}
