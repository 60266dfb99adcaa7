package org.dermcode.terminology;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * The answer of {@code $validate-code} on our own content, with the parameters HL7's engine gives:
 * result, message, what the code is, {@code inactive}, {@code x-caused-by-unknown-system} and the
 * {@code issues}. The message is the text of each error and warning, and of our hint on an unknown
 * code, each once, in the order of the issues; as in HL7's engine, information and the warning on a
 * code a fragment does not hold are no message.
 */
public record ValidationResult(boolean result, String message, String system, String version, String code,
        String display, boolean inactive, String unknownSystem, List<TxIssue> issues) {

    /** Our hint on an unknown code (a likely typo, a code the system cannot have): information, and in the message. */
    static final String HINT = "DERMCODE_CODE_HINT";

    static ValidationResult of(boolean result, String system, String version, String code, String display,
            boolean inactive, String unknownSystem, List<TxIssue> issues) {
        return new ValidationResult(result, message(issues), system, version, code, display, inactive,
                unknownSystem, List.copyOf(issues));
    }

    static ValidationResult invalid(String system, String version, String code, TxIssue... issues) {
        return of(false, system, version, code, null, false, null, List.of(issues));
    }

    private static String message(List<TxIssue> issues) {
        Set<String> texts = new LinkedHashSet<>();
        for (TxIssue issue : issues) {
            boolean stated = issue.severity() != IssueSeverity.INFORMATION
                    && !I18nConstants.UNKNOWN_CODE_IN_FRAGMENT.equals(issue.messageId());
            if (stated || HINT.equals(issue.messageId())) {
                texts.add(issue.text());
            }
        }
        return texts.isEmpty() ? null : String.join("; ", texts);
    }

    public Parameters toParameters() {
        Parameters out = new Parameters();
        out.addParameter().setName("result").setValue(new BooleanType(result));
        if (message != null) {
            out.addParameter().setName("message").setValue(new StringType(message));
        }
        if (display != null) {
            out.addParameter().setName("display").setValue(new StringType(display));
        }
        if (code != null) {
            out.addParameter().setName("code").setValue(new CodeType(code));
        }
        if (system != null) {
            out.addParameter().setName("system").setValue(new UriType(system));
        }
        if (version != null) {
            out.addParameter().setName("version").setValue(new StringType(version));
        }
        if (inactive) {
            out.addParameter().setName("inactive").setValue(new BooleanType(true));
        }
        if (unknownSystem != null) {
            out.addParameter().setName("x-caused-by-unknown-system").setValue(new CanonicalType(unknownSystem));
        }
        if (!issues.isEmpty()) {
            out.addParameter().setName("issues").setResource(TxIssue.outcome(issues));
        }
        return out;
    }
}
