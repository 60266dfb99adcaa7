package org.dermcode.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Constructor;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * HAPI's loader of its bundled definitions warns "Unknown element 'author'" about a file of its
 * own: the filter drops that, and a parse warning about anything else still reaches the log.
 */
class HapiBundledFilesLogFilterTest {

    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger parserLogger = logging.getLogger(HapiBundledFilesLogFilter.PARSER_LOGGER);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        logging.getTurboFilterList().removeIf(HapiBundledFilesLogFilter.class::isInstance);
        events.start();
        parserLogger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        parserLogger.detachAppender(events);
        logging.getTurboFilterList().removeIf(HapiBundledFilesLogFilter.class::isInstance);
    }

    /** A fresh instance of HAPI's loader (the one HAPI keeps is static and may have loaded already). */
    private static IValidationSupport freshBundleLoader() throws Exception {
        Class<?> type = Class.forName(HapiBundledFilesLogFilter.BUNDLE_LOADER);
        Constructor<?> constructor = type.getDeclaredConstructor(FhirContext.class);
        constructor.setAccessible(true);
        return (IValidationSupport) constructor.newInstance(FhirContext.forR4Cached());
    }

    private List<String> messages() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void withoutTheFilterHapisOwnFilesWarn() throws Exception {
        freshBundleLoader().fetchCodeSystem("http://hl7.org/fhir/administrative-gender");
        assertThat(messages()).anyMatch(m -> m.contains("Unknown element 'author'"));
    }

    @Test
    void theFilterDropsThoseWarningsAndKeepsOthers() throws Exception {
        HapiBundledFilesLogFilter.install();
        HapiBundledFilesLogFilter.install();
        assertThat(logging.getTurboFilterList().stream().filter(HapiBundledFilesLogFilter.class::isInstance))
                .hasSize(1);

        freshBundleLoader().fetchCodeSystem("http://hl7.org/fhir/administrative-gender");
        assertThat(messages()).noneMatch(m -> m.contains("Unknown element 'author'"));

        FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new LenientErrorHandler())
                .parseResource(Patient.class, "{\"resourceType\":\"Patient\",\"colour\":\"blue\"}");
        assertThat(messages()).anyMatch(m -> m.contains("Unknown element 'colour'"));
    }
}
