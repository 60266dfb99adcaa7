package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Only HAPI's ERROR line for a 4xx refusal thrown by an interceptor is dropped. */
class ClientErrorLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger interceptors = context.getLogger(ClientErrorLogFilter.INTERCEPTOR_LOGGER);
    private final ClientErrorLogFilter filter = new ClientErrorLogFilter();

    private FilterReply decide(Logger logger, Level level, Throwable thrown) {
        return filter.decide(null, logger, level, "Exception thrown by interceptor for pointcut {}: {}",
                new Object[] {"SERVER_INCOMING_REQUEST_POST_PROCESSED", "x", thrown}, null);
    }

    @Test
    void dropsTheRefusalOfABadRequest() {
        assertThat(decide(interceptors, Level.ERROR, new InvalidRequestException("repeated"))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsInternalErrorsOtherLoggersAndOtherLevels() {
        assertThat(decide(interceptors, Level.ERROR, new InternalErrorException("bug"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(interceptors, Level.ERROR, new IllegalStateException("bug"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(context.getLogger("org.dermcode.Other"), Level.ERROR, new InvalidRequestException("x")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(interceptors, Level.WARN, new InvalidRequestException("x"))).isEqualTo(FilterReply.NEUTRAL);
    }
}
