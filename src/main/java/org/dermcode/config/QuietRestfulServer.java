package org.dermcode.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HAPI's RestfulServer without its {@code X-Powered-By} header, which names the HAPI version on
 * every answer, errors included (the CapabilityStatement says what the server is to those who ask).
 */
final class QuietRestfulServer extends RestfulServer {

    QuietRestfulServer(FhirContext context) {
        super(context);
    }

    @Override
    public void addHeadersToResponse(HttpServletResponse response) {
        // no X-Powered-By
    }
}
