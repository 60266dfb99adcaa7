package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.junit.jupiter.api.Test;

/** The engine's worker context words its messages through EngineWording, the others as 6.6.7 does. */
class TxWorkerContextTest {

    private static final TxWorkerContext CONTEXT = context();

    private static TxWorkerContext context() {
        try {
            return new TxWorkerContext(new SimpleWorkerContext.SimpleWorkerContextBuilder().fromNothing());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRewordedMessageHasTheCurrentText() {
        assertThat(CONTEXT.formatMessage(I18nConstants.STATUS_CODE_WARNING_CODE, "not active", "grey"))
                .isEqualTo("The concept 'grey' is valid but is not active");
    }

    @Test
    void anyOtherMessageHasTheEnginesText() {
        assertThat(CONTEXT.formatMessage(I18nConstants.INACTIVE_CONCEPT_FOUND, "inactive", "grey"))
                .isEqualTo("The concept 'grey' has a status of inactive and its use should be reviewed");
    }

    @Test
    void aPluralMessageGetsTheCurrentArguments() {
        assertThat(CONTEXT.formatMessagePlural(1, I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_,
                "http://example.org/vs|1", "'http://example.org/cs#red: 'Red''"))
                .isEqualTo("The provided code 'http://example.org/cs#red ('Red')' was not found in the value set "
                        + "'http://example.org/vs|1'");
    }
}
