package org.dermcode.terminology;

import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * The {@code expression} and {@code location} of an issue of HL7's engine 6.6.7 as the terminology
 * tests give them now: a path into a value set's or code system's definition starts at the resource
 * ({@code ValueSet.compose...}: 6.6.7 wrote {@code ValueSet[url|version].compose...}, which is no
 * FHIRPath), and a filter without a value points at the filter, not at its missing value.
 */
final class IssuePaths {

    private static final Pattern QUALIFIED = Pattern.compile("^(ValueSet|CodeSystem)\\[[^\\]]*\\]\\.");

    private IssuePaths() {
    }

    /** Rewrites the paths of every issue of this outcome. */
    static void current(OperationOutcome outcome) {
        outcome.getIssue().forEach(IssuePaths::current);
    }

    /** Rewrites the paths of this issue. */
    static void current(OperationOutcomeIssueComponent issue) {
        boolean filterValue = I18nConstants.UNABLE_TO_HANDLE_SYSTEM_FILTER_WITH_NO_VALUE
                .equals(issue.getExtensionString(TxOperations.MESSAGE_ID));
        for (StringType path : issue.getExpression()) {
            path.setValue(current(path.getValue(), filterValue));
        }
        for (StringType path : issue.getLocation()) {
            path.setValue(current(path.getValue(), filterValue));
        }
    }

    static String current(String path, boolean filterValue) {
        if (path == null) {
            return null;
        }
        String rewritten = QUALIFIED.matcher(path).replaceFirst("$1.");
        if (filterValue && rewritten.endsWith(".value")) {
            rewritten = rewritten.substring(0, rewritten.length() - ".value".length());
        }
        return rewritten;
    }
}
