package org.dermcode.config;

import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
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
     * Swagger UI at /fhir/swagger-ui/ and the OpenAPI document at /fhir/api-docs, built from the
     * CapabilityStatement; the UI's files come from the jar (no CDN).
     */
    @Bean
    @Order(10)
    public FhirServerCustomizer openApi() {
        return server -> server.registerInterceptor(new OpenApiInterceptor());
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
