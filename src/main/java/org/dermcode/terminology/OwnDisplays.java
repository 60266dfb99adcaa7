package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The displays of CPT and HCPCS here are DermCode's own brief wording (CPT descriptors are AMA
 * copyright), marked by {@link CodeSystemIndex#OWN_DISPLAYS} on their CodeSystems: a client's
 * display that differs (the official descriptor, say) is not wrong. On HL7's engine route, as on
 * our own ({@link CodeValidationService}), such a display is information ({@code display-comment}),
 * and the code stays valid.
 */
final class OwnDisplays {

    static final String DISPLAY_ISSUE = "Display_Name_for__should_be_one_of__instead_of";

    private OwnDisplays() {
    }

    /** Whether every code the request validates is of a code system with our own displays. */
    static boolean only(SimpleWorkerContext context, TxRequest request, String codeSystemUrl) {
        List<String> systems = new ArrayList<>();
        if (request.has("code")) {
            systems.add(codeSystemUrl != null ? codeSystemUrl : request.text("system"));
        } else if (request.value("coding") instanceof Coding coding) {
            systems.add(coding.getSystem());
        } else if (request.value("codeableConcept") instanceof CodeableConcept concept) {
            concept.getCoding().forEach(c -> systems.add(c.getSystem()));
        }
        return !systems.isEmpty() && systems.stream().allMatch(system -> {
            CodeSystem codeSystem = system == null ? null : context.fetchCodeSystem(system);
            return codeSystem != null && codeSystem.hasExtension(CodeSystemIndex.OWN_DISPLAYS)
                    && "true".equals(codeSystem.getExtensionByUrl(CodeSystemIndex.OWN_DISPLAYS).getValue()
                            .primitiveValue());
        });
    }

    /** The engine's issues with its wrong-display warnings made information ({@code display-comment}). */
    static List<OperationOutcomeIssueComponent> noted(List<OperationOutcomeIssueComponent> issues) {
        List<OperationOutcomeIssueComponent> result = new ArrayList<>(issues.size());
        for (OperationOutcomeIssueComponent issue : issues) {
            if (DISPLAY_ISSUE.equals(issue.getExtensionString(TxOperations.MESSAGE_ID))) {
                OperationOutcomeIssueComponent noted = issue.copy().setSeverity(IssueSeverity.INFORMATION);
                noted.getDetails().getCoding().stream().filter(c -> TxOperations.TX_ISSUE_TYPE.equals(c.getSystem()))
                        .forEach(c -> c.setCode("display-comment"));
                result.add(noted);
            } else {
                result.add(issue);
            }
        }
        return result;
    }
}
