package org.dermcode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Type;
import org.dermcode.config.ValidatorWarmUp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the HTTP tests: the whole application on a random port, and a HAPI client pointed at
 * it. Spring caches the context, so all ITs share one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerIT {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    protected int port;

    protected IGenericClient client;

    @Autowired
    private ValidatorWarmUp warmUp;

    @BeforeEach
    void createClient() throws InterruptedException {
        // the profile validator warms up in the background after start-up; tests wait for it
        for (int i = 0; i < 1200 && !warmUp.isWarm(); i++) {
            Thread.sleep(100);
        }
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        client = FHIR.newRestfulGenericClient(baseUrl());
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** The value of the first output parameter with that name, or null. */
    protected static Type value(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(Parameters.ParametersParameterComponent::getValue).orElse(null);
    }

    /** The value of a $lookup property, or null. */
    protected static Type property(Parameters parameters, String code) {
        for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
            if ("property".equals(p.getName()) && p.getPart().stream()
                    .anyMatch(part -> "code".equals(part.getName()) && code.equals(part.getValue().primitiveValue()))) {
                return p.getPart().stream().filter(part -> "value".equals(part.getName())).findFirst()
                        .map(Parameters.ParametersParameterComponent::getValue).orElse(null);
            }
        }
        return null;
    }
}
