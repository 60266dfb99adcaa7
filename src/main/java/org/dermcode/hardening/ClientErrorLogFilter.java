package org.dermcode.hardening;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * HAPI logs every exception an interceptor throws at ERROR with its stack trace, also the 4xx
 * refusals of {@link RequestBodyGuard} (a repeated parameter, a DOCTYPE, nesting too deep): any
 * client could fill the log with ERROR lines, and the soak counts them. Those refusals (a
 * {@link BaseServerResponseException} with a 4xx status, which the client gets as its
 * OperationOutcome) are dropped from that one logger; every other event passes.
 */
public final class ClientErrorLogFilter extends TurboFilter {

    static final String INTERCEPTOR_LOGGER = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    /** Adds the filter to Logback once (Logback is Spring Boot's default; nothing happens with another backend). */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(ClientErrorLogFilter.class::isInstance)) {
            ClientErrorLogFilter filter = new ClientErrorLogFilter();
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || logger == null || !INTERCEPTOR_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        return thrown instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
