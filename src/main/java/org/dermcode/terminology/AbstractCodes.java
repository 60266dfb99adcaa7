package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.terminologies.CodeSystemUtilities;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * {@code abstract=false}: a code its code system marks not selectable ({@code notSelectable},
 * abstract) is not allowed, so it is not in the value set for this request: the errors
 * {@code ABSTRACT_CODE_NOT_ALLOWED} and not-in-value-set, as HL7's engine answers now (6.6.7 has
 * no such option and ignores the parameter).
 */
final class AbstractCodes {

    /** The engine's message (in its bundle since 6.6.7, no constant there yet). */
    private static final String ABSTRACT_CODE_NOT_ALLOWED = "ABSTRACT_CODE_NOT_ALLOWED";

    private AbstractCodes() {
    }

    /**
     * The issues of a valid answer with the errors for an abstract code when the request does not
     * allow one; the same list otherwise.
     *
     * @param path where the code is in the request ({@code code}, {@code Coding.code}...)
     */
    static List<OperationOutcomeIssueComponent> checked(TxRequest request, boolean valid,
            List<OperationOutcomeIssueComponent> issues, Coding coding, String path, ValueSet valueSet,
            IWorkerContext context) {
        if (!valid || !request.has("abstract") || request.isTrue("abstract") || coding == null
                || coding.getSystem() == null || coding.getCode() == null || valueSet == null) {
            return issues;
        }
        CodeSystem cs = coding.hasVersion() ? context.fetchCodeSystem(coding.getSystem(), coding.getVersion())
                : context.fetchCodeSystem(coding.getSystem());
        if (cs == null || !CodeSystemUtilities.isNotSelectable(cs, coding.getCode())) {
            return issues;
        }
        List<OperationOutcomeIssueComponent> out = new ArrayList<>(issues);
        out.add(error(IssueType.BUSINESSRULE, "code-rule", ABSTRACT_CODE_NOT_ALLOWED, path,
                context.formatMessage(ABSTRACT_CODE_NOT_ALLOWED, coding.getSystem(), coding.getCode())));
        out.add(error(IssueType.CODEINVALID, "not-in-vs", I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_ONE,
                path, context.formatMessagePlural(1, I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_,
                        valueSet.getVersionedUrl(), "'" + coding + "'")));
        return out;
    }

    private static OperationOutcomeIssueComponent error(IssueType type, String txType, String id, String path,
            String text) {
        OperationOutcomeIssueComponent issue = TxOperations.issue(IssueSeverity.ERROR, type, id, txType, text);
        issue.addExpression(path);
        return issue;
    }
}
