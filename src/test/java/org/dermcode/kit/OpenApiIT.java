package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dermcode.ServerIT;
import org.junit.jupiter.api.Test;

/** Swagger UI and OpenAPI from HAPI's OpenApiInterceptor; HTML for browsers, raw JSON for API clients. */
class OpenApiIT extends ServerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", accept).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiDocsListTheCustomClaimOperationAndTheTerminologyOperations() throws Exception {
        HttpResponse<String> docs = get("/api-docs", "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        // OpenApiInterceptor answers YAML
        assertThat(docs.body()).startsWith("openapi: 3")
                .contains("/Claim/$validate-claim:")
                .contains("/CodeSystem/$lookup")
                .contains("/ValueSet/$expand")
                .contains("/ConceptMap/$translate");
    }

    @Test
    void swaggerUiAnswersHtmlFromTheJar() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("swagger").doesNotContain("cdn.");
    }

    @Test
    void browsersGetHighlightedHtmlButApiClientsGetRawJson() throws Exception {
        String lookup = "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102";
        HttpResponse<String> browser = get(lookup, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(browser.body()).contains("<html").contains("11102");

        for (String accept : new String[] {"application/fhir+json", "application/json", "*/*"}) {
            HttpResponse<String> api = get(lookup, accept);
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.headers().firstValue("Content-Type").orElse("")).as(accept).contains("json");
            assertThat(api.body()).as(accept).startsWith("{").contains("\"resourceType\":\"Parameters\"");
        }
    }
}
