package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * A misspelt parameter ({@code fiter=punch}) is ignored by default, as FHIR's lenient handling
 * allows; with {@code Prefer: handling=strict} it is a 400 that names it.
 */
class StrictHandlingIT extends ServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXPAND = "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures"
            + "&fiter=punch&count=5";

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownParameterIsIgnoredByDefault() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + EXPAND)).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"resourceType\":\"ValueSet\"");
        HttpResponse<String> lenient = send(HttpRequest.newBuilder(URI.create(baseUrl() + EXPAND))
                .header("Prefer", "handling=lenient").GET());
        assertThat(lenient.statusCode()).isEqualTo(200);
    }

    @Test
    void withStrictHandlingAnUnknownParameterIsA400NamingIt() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + EXPAND))
                .header("Prefer", "handling=strict").GET());
        assertThat(response.statusCode()).isEqualTo(400);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Unknown parameter 'fiter'", "$expand",
                "filter", "handling=strict");
    }

    @Test
    void withStrictHandlingKnownParametersStillWork() throws Exception {
        HttpResponse<String> expand = send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures&filter=punch&count=5&_pretty=true"))
                .header("Prefer", "return=representation, handling=strict").GET());
        assertThat(expand.statusCode()).isEqualTo(200);
        HttpResponse<String> lookup = send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102&property=globalDays"))
                .header("Prefer", "handling=strict").GET());
        assertThat(lookup.statusCode()).isEqualTo(200);
    }

    @Test
    void withStrictHandlingAnUnknownParameterInAPostedParametersIsA400() throws Exception {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":"
                + "\"http://www.ama-assn.org/go/cpt\"},{\"name\":\"code\",\"valueCode\":\"11102\"},"
                + "{\"name\":\"propperty\",\"valueCode\":\"globalDays\"}]}";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(baseUrl() + "/CodeSystem/$lookup"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(send(post).statusCode()).isEqualTo(200);
        HttpResponse<String> strict = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/CodeSystem/$lookup"))
                .header("Content-Type", "application/fhir+json").header("Prefer", "handling=strict")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(strict.body()).contains("Unknown parameter 'propperty'");
    }
}
