package org.dermcode.terminology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * Some errors of HL7's engine 6.6.7 reach us as an exception's text only: a circular value set
 * reference and a {@code displayLanguage} it cannot read are thrown as
 * {@code TerminologyServiceProtectionException}s that keep the formatted message but not its id.
 * The answer gets the id and its tx-issue-type code back by matching the text against the
 * message's own pattern in the engine's {@code Messages.properties}, as the current engine
 * answers.
 */
final class EngineErrorIds {

    /** Message id -> its tx-issue-type code. */
    private static final Map<String, String> TYPES = Map.of(
            I18nConstants.VALUESET_CIRCULAR_REFERENCE, "vs-invalid",
            I18nConstants.INVALID_DISPLAY_NAME, "invalid-display");
    private static final Map<String, Pattern> PATTERNS = patterns();

    private EngineErrorIds() {
    }

    private static Map<String, Pattern> patterns() {
        Properties messages = new Properties();
        try (InputStream in = I18nConstants.class.getClassLoader().getResourceAsStream("Messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("HL7's Messages.properties is missing from the classpath");
            }
            messages.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (String id : TYPES.keySet()) {
            String message = messages.getProperty(id);
            if (message == null) {
                throw new IllegalStateException("HL7's Messages.properties has no " + id);
            }
            patterns.put(id, pattern(message));
        }
        return patterns;
    }

    /** A MessageFormat text as a regular expression: its arguments match anything, the rest itself. */
    static Pattern pattern(String message) {
        StringBuilder regex = new StringBuilder();
        String[] parts = message.strip().replace("''", "'").split("\\{\\d+\\}", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append("(.*)");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /**
     * Gives each issue without a message id whose text holds one of these messages (alone, or after
     * our "could not process" preamble) the message's id and tx-issue-type code.
     */
    static void restore(OperationOutcome outcome) {
        for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            if (issue.hasExtension(TxOperations.MESSAGE_ID) || !issue.getDetails().hasText() || issue.getDetails()
                    .getCoding().stream().anyMatch(c -> TxOperations.TX_ISSUE_TYPE.equals(c.getSystem()))) {
                continue;
            }
            String text = issue.getDetails().getText().strip();
            PATTERNS.forEach((id, pattern) -> {
                if (!issue.hasExtension(TxOperations.MESSAGE_ID) && pattern.matcher(text).find()) {
                    issue.addExtension(TxOperations.MESSAGE_ID, new StringType(id));
                    issue.getDetails().addCoding(TxOperations.TX_ISSUE_TYPE, TYPES.get(id), null);
                }
            });
        }
    }
}
