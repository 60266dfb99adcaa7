package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.terminologies.CodeSystemUtilities;

/**
 * A display in the code system's own language, when the client asked for a language the code
 * system has no display in, is valid, with an informational issue that is also the answer's
 * message ({@code NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK}), as HL7's engine answers now. 6.6.7
 * gave the concept's display a {@code display-comment} ({@code NO_VALID_DISPLAY_FOUND_LANG_NONE} /
 * {@code _LANG_SOME}, no message) and a designation in the code system's language an error
 * ({@code NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR}).
 */
final class DefaultLanguageDisplay {

    static final String OK_ID = "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK";
    private static final List<String> COMMENTS = List.of("NO_VALID_DISPLAY_FOUND_LANG_NONE",
            "NO_VALID_DISPLAY_FOUND_LANG_SOME");
    private static final String ERROR_ID = "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR";

    private DefaultLanguageDisplay() {
    }

    /** The checked coding: its system, version, code, the display the client gave and the languages asked for. */
    record Checked(String system, String version, String code, String display, String languages) {
    }

    /** The issues with a default-language display given as HL7's engine gives it now (the same list when none is). */
    static List<OperationOutcomeIssueComponent> current(List<OperationOutcomeIssueComponent> issues, Checked checked,
            IWorkerContext context) {
        if (checked.display() == null || checked.code() == null || checked.system() == null) {
            return issues;
        }
        List<OperationOutcomeIssueComponent> out = new ArrayList<>(issues.size());
        boolean changed = false;
        for (OperationOutcomeIssueComponent issue : issues) {
            String id = issue.getExtensionString(TxOperations.MESSAGE_ID);
            if (COMMENTS.contains(id) || ERROR_ID.equals(id) && inOwnLanguage(checked, context)) {
                out.add(ok(issue, checked));
                changed = true;
            } else {
                out.add(issue);
            }
        }
        return changed ? out : issues;
    }

    /** Whether the display the client gave is one of the concept's designations in the code system's language. */
    private static boolean inOwnLanguage(Checked checked, IWorkerContext context) {
        CodeSystem cs = checked.version() == null ? context.fetchCodeSystem(checked.system())
                : context.fetchCodeSystem(checked.system(), checked.version());
        if (cs == null) {
            return false;
        }
        ConceptDefinitionComponent concept = CodeSystemUtilities.findCode(cs.getConcept(), checked.code());
        if (concept == null) {
            return false;
        }
        for (ConceptDefinitionDesignationComponent designation : concept.getDesignation()) {
            boolean own = !designation.hasLanguage() || designation.getLanguage().equals(cs.getLanguage());
            if (own && checked.display().equalsIgnoreCase(designation.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static OperationOutcomeIssueComponent ok(OperationOutcomeIssueComponent was, Checked checked) {
        OperationOutcomeIssueComponent issue = TxOperations.issue(IssueSeverity.INFORMATION, IssueType.INVALID, OK_ID,
                "invalid-display", TxMessages.format("engine." + OK_ID, "", checked.system(), checked.code(),
                        checked.languages(), checked.display()));
        was.getLocation().forEach(l -> issue.addLocation(l.getValue()));
        was.getExpression().forEach(e -> issue.addExpression(e.getValue()));
        return issue;
    }
}
