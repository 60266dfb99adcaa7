package org.dermcode.config;

import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What people and tools around the server use: Swagger UI and OpenAPI ({@code /fhir/swagger-ui/},
 * {@code /fhir/api-docs}), highlighted HTML for browsers, and a Micrometer timer per FHIR operation.
 */
@Configuration
public class KitConfig {

    /** Timers first, so they also time what the other interceptors do. */
    @Bean
    @Order(0)
    public FhirServerCustomizer fhirRequestMetrics(MeterRegistry meters) {
        return server -> server.registerInterceptor(new FhirRequestMetricsInterceptor(meters));
    }

    /**
     * Swagger UI at /fhir/swagger-ui/ and the OpenAPI document at /fhir/api-docs (YAML, or JSON when
     * asked), built from the CapabilityStatement; the UI's files come from the jar (no CDN).
     * {@code $validate-claim} offers the example claims {@code dermcode.openapi.claim-examples}
     * (files of {@code examples/claims}).
     */
    @Bean
    @Order(10)
    public FhirServerCustomizer openApi(@Value("${dermcode.openapi.claim-examples:"
            + "01-clean-em-with-biopsy.json,17-em-missing-25-with-biopsy.json}") List<String> claimExamples) {
        DermcodeOpenApiInterceptor interceptor = new DermcodeOpenApiInterceptor(ClaimExamples.load(claimExamples));
        return server -> server.registerInterceptor(interceptor);
    }

    /**
     * HTML with syntax highlighting when a browser asks (Accept: text/html and no _format); API
     * clients (Accept: application/fhir+json, or * / *) get the raw resource as before.
     */
    @Bean
    @Order(20)
    public FhirServerCustomizer responseHighlighter() {
        return server -> server.registerInterceptor(new ResponseHighlighterInterceptor());
    }
}
