package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.terminologies.utilities.TerminologyServiceErrorClass;
import org.hl7.fhir.r5.terminologies.utilities.ValidationResult;
import org.hl7.fhir.utilities.FhirPublication;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * {@code $validate-code} by HL7's engine ({@link TxOperations} routes the request here in a
 * session): the code, coding or CodeableConcept checked against the value set or code system, the
 * version rules of the request applied, and the engine's result turned into the Parameters the
 * specification and the HL7 tx-ecosystem tests describe.
 */
final class EngineValidateCode {

    /**
     * Warnings HL7 has since taken out of its engine (they repeated the error that a code system or
     * value set was not found: "Unable to check whether the code is in the value set ... because the
     * code system ... was not found"); 6.6.7 still gives them.
     */
    private static final Set<String> RETIRED_WARNINGS = Set.of("UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_",
            "UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_CS",
            "UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_VS");

    private EngineValidateCode() {
    }

    static org.hl7.fhir.r4.model.Parameters validateCode(TxEngine.Session session, TxRequest request,
            boolean codeSystemLevel, String instanceUrl) {
        Parameters rules = session.context().getExpansionParameters();
        try {
            return validateCode(session, session.context(), request, codeSystemLevel, instanceUrl);
        } finally {
            session.context().setExpansionParameters(rules);
        }
    }

    private static org.hl7.fhir.r4.model.Parameters validateCode(TxEngine.Session session,
            SimpleWorkerContext context, TxRequest request, boolean codeSystemLevel, String instanceUrl) {
        ValueSet valueSet = null;
        if (!codeSystemLevel) {
            valueSet = TxOperations.valueSet(context, request, instanceUrl);
        }
        SystemVersionRules versionRules = SystemVersionRules.of(request);
        CodingVersionCheck.Outcome versionCheck = null;
        TxRequest asked = request;
        ValidationOptions options = new ValidationOptions(FhirPublication.R4);
        String language = request.has("displayLanguage") ? request.text("displayLanguage") : request.acceptLanguage();
        if (language != null) {
            options = options.withLanguage(language);
        }
        if (request.isTrue("valueset-membership-only")) {
            options = options.withCheckValueSetOnly();
        }
        boolean ownDisplays = OwnDisplays.only(context, request,
                codeSystemLevel ? TxOperations.firstText(request, instanceUrl, "url", "system") : null);
        if (request.isTrue("lenient-display-validation") || ownDisplays) {
            options = options.setDisplayWarningMode(true);
        }
        if (request.isTrue("activeOnly")) {
            options = options.setActiveOnly(true);
        }
        MultiVersionCodings.Resolved multiVersion = MultiVersionCodings.resolve(session, valueSet, request,
                versionRules, options);
        if (multiVersion != null) {
            request = multiVersion.request();
            valueSet = multiVersion.valueSet();
        }
        String code = null;
        String system = null;
        String version = null;
        String display = null;
        CodeableConcept codeableConcept = null;
        ValidationResult result;
        if (request.has("code")) {
            code = request.text("code");
            system = codeSystemLevel ? TxOperations.firstText(request, instanceUrl, "url", "system") : request.text("system");
            version = codeSystemLevel ? request.text("version") : request.text("systemVersion");
            display = request.text("display");
            boolean infer = codeSystemLevel || system == null;
            versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, system, version, "");
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, code, null);
            }
            result = context.validateCode(infer ? options.withGuessSystem() : options, system,
                    versionCheck == null || version == null ? version : versionCheck.version(), code, display,
                    versionCheck == null ? valueSet : pinned(context, valueSet, versionCheck));
        } else if (request.value("coding") instanceof Coding coding) {
            code = coding.getCode();
            system = coding.getSystem();
            version = coding.getVersion();
            display = coding.getDisplay();
            versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, system, version, "Coding");
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, code, null);
            }
            result = versionCheck == null ? context.validateCode(options, coding, valueSet)
                    : context.validateCode(options, coding.hasVersion()
                            ? coding.copy().setVersion(versionCheck.version()) : coding,
                            pinned(context, valueSet, versionCheck));
        } else if (request.value("codeableConcept") instanceof CodeableConcept concept) {
            codeableConcept = (CodeableConcept) asked.value("codeableConcept");
            if (concept.getCoding().size() == 1) {
                Coding only = concept.getCodingFirstRep();
                versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, only.getSystem(),
                        only.getVersion(), "CodeableConcept.coding[0]");
            }
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, null, concept);
            }
            CodeableConcept checked = concept;
            if (versionCheck != null && concept.getCodingFirstRep().hasVersion()) {
                checked = concept.copy();
                checked.getCodingFirstRep().setVersion(versionCheck.version());
            }
            ValueSet checkedIn = versionCheck == null ? valueSet : pinned(context, valueSet, versionCheck);
            result = FirstValidCoding.reported(context, options, checked, checkedIn,
                    context.validateCode(options, checked, checkedIn));
        } else {
            // the wording of HL7's reference server (tx.fhir.org) for this case
            throw new InvalidRequestException("Unable to find code to validate (looked for coding | codeableConcept"
                    + " | code+system | code+inferSystem in parameters");
        }
        if (result.getSeverity() == ValidationMessage.IssueSeverity.FATAL) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(result.getIssues());
            throw TxOperations.failure(400, result.getMessage(), outcome);
        }
        Parameters out = new Parameters();
        if (result.getSystem() != null) {
            out.addParameter("system", new UriType(result.getSystem()));
        } else if (system != null) {
            out.addParameter("system", new UriType(system));
        }
        if (result.getCode() != null) {
            if (code != null && !code.equals(result.getCode())) {
                out.addParameter("code", new CodeType(code));
                out.addParameter("normalized-code", new CodeType(result.getCode()));
            } else {
                out.addParameter("code", new CodeType(result.getCode()));
            }
        } else if (code != null) {
            out.addParameter("code", new CodeType(code));
        }
        List<OperationOutcomeIssueComponent> engineIssues = result.getIssues() == null ? List.of()
                : withoutRetiredWarnings(result.getIssues());
        List<OperationOutcomeIssueComponent> issues = DefaultLanguageDisplay.current(
                FragmentCodes.decided(engineIssues), new DefaultLanguageDisplay.Checked(
                        result.getSystem() != null ? result.getSystem() : system, result.getVersion(),
                        result.getCode() != null ? result.getCode() : code,
                        display != null || codeableConcept == null || codeableConcept.getCoding().size() != 1
                                ? display : codeableConcept.getCodingFirstRep().getDisplay(),
                        options.langSummary()), context);
        boolean valid = issues != engineIssues ? issues.stream().noneMatch(i -> i.getSeverity() == IssueSeverity.ERROR)
                : result.getSeverity() != ValidationMessage.IssueSeverity.ERROR;
        Coding checkedCoding = codeableConcept == null
                ? new Coding(system != null ? system : result.getSystem(), code, display).setVersion(version)
                : codeableConcept.getCoding().size() == 1 ? codeableConcept.getCodingFirstRep() : null;
        issues = AbstractCodes.checked(request, valid, issues, checkedCoding, request.has("code") ? "code"
                : codeableConcept == null ? "Coding.code" : "CodeableConcept.coding[0].code", valueSet, context);
        if (ownDisplays) {
            issues = OwnDisplays.noted(issues);
        }
        // where the current rules changed the engine's issues, its errors left decide
        out.addParameter("result", issues != engineIssues
                ? issues.stream().noneMatch(i -> i.getSeverity() == IssueSeverity.ERROR) : valid);
        String message = ResultMessage.of(result.getMessage(), result.getIssues() == null ? List.of() : result.getIssues(), issues);
        if (message != null) {
            out.addParameter("message", message);
        }
        if (result.getVersion() != null) {
            out.addParameter("version", result.getVersion());
        } else if (version != null) {
            out.addParameter("version", new StringType(version));
        }
        if (result.getDisplay() != null) {
            out.addParameter("display", result.getDisplay());
        }
        if (codeableConcept != null) {
            out.addParameter("codeableConcept", codeableConcept);
        }
        if (result.isInactive()) {
            out.addParameter("inactive", true);
        }
        if (result.getStatus() != null) {
            out.addParameter("status", new CodeType(result.getStatus()));
        }
        if (result.getUnknownSystems() != null) {
            for (String unknown : result.getUnknownSystems()) {
                out.addParameter(result.getErrorClass() == TerminologyServiceErrorClass.CODESYSTEM_UNSUPPORTED
                        ? "x-caused-by-unknown-system" : "x-unknown-system", new CanonicalType(unknown));
            }
        }
        if (!issues.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(issues);
            IssuePaths.current(outcome);
            out.addParameter().setName("issues").setResource(outcome);
        }
        if (versionCheck != null) {
            addVersionIssues(out, versionCheck, result.getSeverity() == ValidationMessage.IssueSeverity.ERROR
                    ? result.getMessage() : null);
        }
        return (org.hl7.fhir.r4.model.Parameters) TxEngine.toR4(out);
    }

    /**
     * The value set as the engine sees it for a checked coding: its includes of the coding's system
     * use the version {@link CodingVersionCheck} chose, and the request's version rules for that
     * system are already applied (the engine would apply them again, by its 6.6.7 reading).
     */
    private static ValueSet pinned(SimpleWorkerContext context, ValueSet valueSet, CodingVersionCheck.Outcome check) {
        ValueSet copy = valueSet.copy();
        for (ValueSet.ConceptSetComponent include : copy.getCompose().getInclude()) {
            if (check.system().equals(include.getSystem())) {
                include.setVersion(check.version());
            }
        }
        Parameters rules = new Parameters();
        for (ParametersParameterComponent p : context.getExpansionParameters().getParameter()) {
            String value = p.getValue() == null ? null : p.getValue().primitiveValue();
            if (!(List.of(SystemVersionRules.FORCE, SystemVersionRules.DEFAULT, SystemVersionRules.CHECK)
                    .contains(p.getName()) && value != null && value.startsWith(check.system() + "|"))) {
                rules.addParameter(p.copy());
            }
        }
        context.setExpansionParameters(rules);
        return copy;
    }

    /** Adds the version problems to an engine answer: they make it invalid when they are errors. */
    private static void addVersionIssues(Parameters out, CodingVersionCheck.Outcome check, String engineError) {
        if (check.issues().isEmpty()) {
            return;
        }
        List<String> messages = new java.util.ArrayList<>(check.messages());
        if (check.hasErrors()) {
            out.getParameter().removeIf(p -> p.getName().equals("result"));
            out.addParameter("result", false);
            if (engineError != null) {
                messages.add(engineError);
            }
        }
        if (check.hasErrors() || !out.hasParameter("message")) {
            out.getParameter().removeIf(p -> p.getName().equals("message"));
            out.addParameter("message", String.join("; ", messages));
        }
        if (check.unknown() != null) {
            out.addParameter("x-caused-by-unknown-system", new CanonicalType(check.unknown()));
        }
        ParametersParameterComponent issues = out.getParameter().stream().filter(p -> p.getName().equals("issues"))
                .findFirst().orElse(null);
        if (issues == null) {
            issues = out.addParameter().setName("issues").setResource(new OperationOutcome());
        }
        ((OperationOutcome) issues.getResource()).getIssue().addAll(check.issues());
    }

    /** The answer when the code system version to check the code in does not exist: nothing to give the engine. */
    private static org.hl7.fhir.r4.model.Parameters versionNotFound(CodingVersionCheck.Outcome check, String code,
            CodeableConcept concept) {
        Parameters out = new Parameters();
        if (concept == null) {
            out.addParameter("code", new CodeType(code));
            out.addParameter("system", new UriType(check.system()));
        } else {
            out.addParameter("codeableConcept", concept);
        }
        out.addParameter("result", false);
        addVersionIssues(out, check, null);
        return (org.hl7.fhir.r4.model.Parameters) TxEngine.toR4(out);
    }

    private static List<OperationOutcomeIssueComponent> withoutRetiredWarnings(List<OperationOutcomeIssueComponent> issues) {
        return issues.stream().filter(i -> i.getSeverity() != IssueSeverity.WARNING
                || !RETIRED_WARNINGS.contains(i.getExtensionString(
                        TxOperations.MESSAGE_ID))).toList();
    }
}
