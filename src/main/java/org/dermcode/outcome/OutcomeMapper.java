package org.dermcode.outcome;

import java.util.List;
import org.dermcode.rules.Finding;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** Turns findings into an OperationOutcome: one issue per finding, rule id in {@code details.coding}. */
public final class OutcomeMapper {

    public static final String NO_FINDINGS = "No coding problems found: the claim passed every rule";

    private OutcomeMapper() {}

    public static OperationOutcome toOutcome(List<Finding> findings) {
        OperationOutcome outcome = new OperationOutcome();
        for (Finding finding : findings) {
            OperationOutcomeIssueComponent issue = outcome.addIssue();
            issue.setSeverity(finding.severity());
            issue.setCode(finding.type());
            CodeableConcept details = new CodeableConcept();
            details.addCoding().setSystem(SystemUrls.CLAIM_RULE).setCode(finding.ruleId()).setDisplay(finding.ruleName());
            details.setText(finding.message());
            issue.setDetails(details);
            if (finding.expression() != null) {
                issue.addExpression(finding.expression());
            }
        }
        if (findings.isEmpty()) {
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText(NO_FINDINGS));
        }
        return outcome;
    }

    /** An outcome with one error, for a batch entry that could not be validated. */
    public static OperationOutcome error(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type)
                .setDetails(new CodeableConcept().setText(message));
        return outcome;
    }
}
