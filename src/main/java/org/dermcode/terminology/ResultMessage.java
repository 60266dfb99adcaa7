package org.dermcode.terminology;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The {@code message} of a {@code $validate-code} answer of HL7's engine, as HL7's engine writes it
 * now: the text of every error among the issues, and the engine's other messages that are not only
 * the text of an informational issue (a display only right in the code system's own language is
 * the one information that is also the message; a coding of a CodeableConcept that is not in the value set is
 * information, the concept's error says it; a code a fragment does not hold is no message), sorted and
 * each once, joined by "; ". 6.6.7 left out
 * errors it raised while checking value set membership (a code that is not active, a relative
 * system) and kept the informational texts.
 */
final class ResultMessage {

    private static final String TAKEN = "\u0000";

    private ResultMessage() {
    }

    /**
     * @param engineMessage the engine's message (its messages joined by "; "), or null
     * @param all every issue the engine gave
     * @param kept the issues the answer keeps (the others' texts leave the message too)
     */
    static String of(String engineMessage, List<OperationOutcomeIssueComponent> all,
            List<OperationOutcomeIssueComponent> kept) {
        Set<String> parts = new TreeSet<>();
        Set<String> stated = kept.stream().filter(i -> i.getSeverity() != IssueSeverity.INFORMATION
                && !FragmentCodes.isUnknownInFragment(i))
                .map(ResultMessage::text).filter(Objects::nonNull).collect(Collectors.toSet());
        String rest = engineMessage == null ? "" : engineMessage;
        // an issue's text may hold "; " itself: take the texts whole, the longest first
        List<String> texts = all.stream().map(ResultMessage::text).filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String text : texts) {
            if (rest.contains(text)) {
                rest = rest.replace(text, TAKEN);
                if (stated.contains(text)) {
                    parts.add(text);
                }
            }
        }
        for (String other : rest.split("; ")) {
            if (!other.isBlank() && !other.contains(TAKEN)) {
                parts.add(other);
            }
        }
        for (OperationOutcomeIssueComponent issue : kept) {
            if ((issue.getSeverity() == IssueSeverity.ERROR || DefaultLanguageDisplay.OK_ID.equals(
                    issue.getExtensionString(TxOperations.MESSAGE_ID))) && text(issue) != null) {
                parts.add(text(issue));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String text(OperationOutcomeIssueComponent issue) {
        return issue.getDetails().hasText() ? issue.getDetails().getText() : null;
    }
}
