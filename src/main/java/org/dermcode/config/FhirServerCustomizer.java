package org.dermcode.config;

import ca.uhn.fhir.rest.server.RestfulServer;

/** A bean that adds interceptors (or other settings) to the FHIR server after its providers are set. */
@FunctionalInterface
public interface FhirServerCustomizer {

    void customize(RestfulServer server);
}
