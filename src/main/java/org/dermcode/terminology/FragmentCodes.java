package org.dermcode.terminology;

import java.util.List;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * A code that a fragment code system does not hold may still be in the code system, so a value set
 * over it cannot say the code is not in it: the code is valid with a warning (HL7's engine now
 * skips the not-in-value-set error for a fragment; 6.6.7 gave both). The warning is no message.
 */
final class FragmentCodes {


    private FragmentCodes() {
    }

    /** Whether this issue says a fragment does not hold the code. */
    static boolean isUnknownInFragment(OperationOutcomeIssueComponent issue) {
        return I18nConstants.UNKNOWN_CODE_IN_FRAGMENT.equals(issue.getExtensionString(TxOperations.MESSAGE_ID));
    }

    /** Whether these issues say a fragment does not hold the code. */
    static boolean applies(List<OperationOutcomeIssueComponent> issues) {
        return issues.stream().anyMatch(FragmentCodes::isUnknownInFragment);
    }

    /** The issues without the not-in-value-set ones, when a fragment does not hold the code; else as they are. */
    static List<OperationOutcomeIssueComponent> decided(List<OperationOutcomeIssueComponent> issues) {
        if (!applies(issues)) {
            return issues;
        }
        return issues.stream().filter(i -> !i.getDetails().hasCoding(TxOperations.TX_ISSUE_TYPE, "not-in-vs")
                && !i.getDetails().hasCoding(TxOperations.TX_ISSUE_TYPE, "this-code-not-in-vs")).toList();
    }
}
