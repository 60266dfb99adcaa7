package org.dermcode.rules;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem found on a claim: the rule id (stable API), severity, issue type, the 0-based line
 * it belongs to ({@link #CLAIM_LEVEL} for claim-level findings), a FHIRPath and a message.
 */
public record Finding(String ruleId, String ruleName, IssueSeverity severity, IssueType type, int line,
        String expression, String message) {

    /** Sorts after every line. */
    public static final int CLAIM_LEVEL = Integer.MAX_VALUE;
}
