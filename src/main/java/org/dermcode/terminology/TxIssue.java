package org.dermcode.terminology;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * One issue of a {@code $validate-code} answer on our own content, in the form HL7's engine gives
 * its issues: a message id (HL7's, where HL7 has one for the case), an issue type, a
 * {@code tx-issue-type} code, the text of {@code tx-messages.properties} and the FHIRPath of the
 * element of the request it is about. {@code diagnostics} carries what we add to HL7's wording (a
 * code's dates, a likely typo), or null.
 */
public record TxIssue(IssueSeverity severity, IssueType type, String txType, String messageId, String text,
        String expression, String diagnostics) {

    /** An issue whose text is the message {@code messageId} of {@code tx-messages.properties}. */
    static TxIssue of(IssueSeverity severity, IssueType type, String txType, String messageId, String expression,
            Object... arguments) {
        return new TxIssue(severity, type, txType, messageId, TxMessages.format(messageId, arguments), expression,
                null);
    }

    /**
     * An issue whose text is the message {@code messageId} + {@code _one} or {@code _other} of
     * {@code tx-messages.properties}, by {@code count}, as HL7's engine picks a plural form.
     */
    static TxIssue plural(IssueSeverity severity, IssueType type, String txType, String messageId, int count,
            String expression, Object... arguments) {
        String text = TxMessages.format(messageId + (count == 1 ? "_one" : "_other"), arguments);
        return new TxIssue(severity, type, txType, messageId, text, expression, null);
    }

    TxIssue withDiagnostics(String text) {
        return new TxIssue(severity, type, txType, messageId, this.text, expression,
                text == null || text.isBlank() ? null : text);
    }

    boolean isError() {
        return severity == IssueSeverity.ERROR;
    }

    OperationOutcomeIssueComponent toIssue() {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent();
        issue.addExtension(TxOperations.MESSAGE_ID, new StringType(messageId));
        issue.setSeverity(severity).setCode(type);
        issue.getDetails().addCoding(new Coding(TxOperations.TX_ISSUE_TYPE, txType, null));
        issue.getDetails().setText(text);
        if (diagnostics != null) {
            issue.setDiagnostics(diagnostics);
        }
        if (expression != null) {
            issue.addLocation(expression);
            issue.addExpression(expression);
        }
        return issue;
    }

    static OperationOutcome outcome(Iterable<TxIssue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        issues.forEach(issue -> outcome.addIssue(issue.toIssue()));
        return outcome;
    }
}
