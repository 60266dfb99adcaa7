package org.dermcode.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Keeps HAPI's parse warnings about the definitions bundled in HAPI's own jar out of the log.
 * Loading its code systems, HAPI parses a JSON file of its own with a logging
 * {@code LenientErrorHandler}, and every start of the server or of the audit printed
 * "Unknown element 'author' found while parsing" three times, which reads like a problem with the
 * user's input. Only warnings of that handler raised while HAPI's definitions loader
 * ({@value #BUNDLE_LOADER}) is on the stack are dropped; every other warning is logged as before.
 * {@link Installer} adds it after Spring Boot sets up logging, for the server, the audit and the
 * tests ({@code META-INF/spring.factories}).
 */
public final class HapiBundledFilesLogFilter extends TurboFilter {

    static final String PARSER_LOGGER = "ca.uhn.fhir.parser.LenientErrorHandler";
    static final String BUNDLE_LOADER = "ca.uhn.fhir.context.support.DefaultProfileValidationSupportBundleStrategy";
    private static final StackWalker STACK = StackWalker.getInstance();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (logger == null || !PARSER_LOGGER.equals(logger.getName()) || level == null
                || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        boolean loadingBundledFiles = STACK.walk(frames -> frames.anyMatch(f -> BUNDLE_LOADER.equals(f.getClassName())));
        return loadingBundledFiles ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Adds the filter to logback once, unless it is there already. */
    static void install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(HapiBundledFilesLogFilter.class::isInstance)) {
            HapiBundledFilesLogFilter filter = new HapiBundledFilesLogFilter();
            filter.setName("hapi-bundled-files");
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    /** Runs right after Spring Boot's logging listener has (re)configured logback. */
    public static final class Installer implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            install();
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }
}
