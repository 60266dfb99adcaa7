package org.dermcode.terminology;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * HL7's engine 6.6.7 messages in the wording HL7's engine has used since (the wording of the
 * terminology tests). The texts are in {@code tx-messages.properties} under {@code engine.} and the
 * message id the engine uses; a message without such an entry keeps 6.6.7's text.
 */
final class EngineWording {

    private static final String PREFIX = "engine.";
    /** A coding as 6.6.7 writes it in a message ({@code 'system#code: 'display''}). */
    private static final Pattern CODING_WITH_DISPLAY = Pattern.compile("'(.*?#.*?): '(.*)''", Pattern.DOTALL);

    private EngineWording() {
    }

    /**
     * The text of message {@code id} with these arguments in the current wording, or null when
     * 6.6.7's own text stands. A retired concept is "retired and inactive" (the engine now says both:
     * retired is a status, inactive what it means).
     */
    static String text(String id, Object... arguments) {
        if (I18nConstants.INACTIVE_CONCEPT_FOUND.equals(id) && arguments.length == 2
                && "retired".equals(arguments[0])) {
            return TxMessages.format(PREFIX + "INACTIVE_CONCEPT_FOUND_ADD", arguments[0], arguments[1], "inactive");
        }
        return TxMessages.has(PREFIX + id) ? TxMessages.format(PREFIX + id, arguments) : null;
    }

    /**
     * The arguments of a plural message in the current wording: the coding that was not found in a
     * value set is written {@code system#code ('display')}, no longer {@code system#code: 'display'}.
     */
    static Object[] pluralArguments(String id, Object... arguments) {
        if (!I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_.equals(id)) {
            return arguments;
        }
        Object[] reworded = arguments.clone();
        for (int i = 0; i < reworded.length; i++) {
            if (reworded[i] instanceof String text) {
                Matcher coding = CODING_WITH_DISPLAY.matcher(text);
                if (coding.matches()) {
                    reworded[i] = "'" + coding.group(1) + " ('" + coding.group(2) + "')'";
                }
            }
        }
        return reworded;
    }
}
