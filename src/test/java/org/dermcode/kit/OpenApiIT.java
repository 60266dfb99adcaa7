package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI and OpenAPI from HAPI's OpenApiInterceptor: YAML by default and JSON when asked, a
 * description on every operation and parameter, real example claims for $validate-claim; HTML for
 * browsers, raw JSON for API clients.
 */
class OpenApiIT extends ServerIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", accept).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode apiDocs(String page) throws Exception {
        HttpResponse<String> docs = get("/api-docs?page=" + page, "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        return JSON.readTree(docs.body());
    }

    @Test
    void apiDocsAreYamlByDefaultAndJsonWhenAsked() throws Exception {
        HttpResponse<String> yaml = get("/api-docs", "text/yaml, */*");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("text/yaml");
        assertThat(yaml.body()).startsWith("openapi: 3")
                .contains("/Claim/$validate-claim:")
                .contains("/CodeSystem/$lookup")
                .contains("/ValueSet/$expand")
                .contains("/ConceptMap/$translate");

        for (HttpResponse<String> json : List.of(get("/api-docs", "application/json"),
                get("/api-docs?format=json", "*/*"))) {
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode docs = JSON.readTree(json.body());
            assertThat(docs.path("openapi").asText()).startsWith("3.");
            assertThat(docs.path("paths").has("/Claim/$validate-claim")).isTrue();
            assertThat(docs.path("paths").has("/CodeSystem/$lookup")).isTrue();
        }
        assertThat(get("/api-docs?format=yaml", "application/json").body()).startsWith("openapi: 3");
    }

    @Test
    void everyOperationAndEveryParameterIsDescribed() throws Exception {
        List<String> undescribed = new ArrayList<>();
        int operations = 0;
        for (String page : List.of("Claim", "CodeSystem", "ValueSet", "ConceptMap")) {
            JsonNode paths = apiDocs(page).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getKey().contains("$")) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    operations++;
                    String where = op.getKey().toUpperCase() + " " + path.getKey();
                    String summary = op.getValue().path("summary").asText();
                    if (summary.isBlank() || summary.startsWith(op.getKey().toUpperCase() + ":")) {
                        undescribed.add(where + " has the bare summary '" + summary + "'");
                    }
                    if (op.getValue().path("description").asText().isBlank()) {
                        undescribed.add(where + " has no description");
                    }
                    for (JsonNode parameter : op.getValue().path("parameters")) {
                        if (parameter.path("description").asText().isBlank() && !"id".equals(parameter.path("name").asText())) {
                            undescribed.add(where + " parameter " + parameter.path("name").asText());
                        }
                    }
                }
            }
        }
        assertThat(operations).as("GET and POST of the operations").isGreaterThanOrEqualTo(11);
        assertThat(undescribed).isEmpty();
        JsonNode lookupCode = null;
        for (JsonNode parameter : apiDocs("CodeSystem").path("paths").path("/CodeSystem/$lookup").path("get")
                .path("parameters")) {
            if ("code".equals(parameter.path("name").asText())) {
                lookupCode = parameter;
            }
        }
        assertThat(lookupCode).isNotNull();
        assertThat(lookupCode.path("example").asText()).isEqualTo("11102");
    }

    @Test
    void validateClaimOffersACleanAndAFaultyExampleClaimThatAnswerAsTheirManifestSays() throws Exception {
        JsonNode examples = apiDocs("Claim").path("paths").path("/Claim/$validate-claim").path("post")
                .path("requestBody").path("content").path("application/fhir+json").path("examples");
        assertThat(examples.size()).isEqualTo(2);
        JsonNode clean = examples.path("01-clean-em-with-biopsy");
        JsonNode faulty = examples.path("17-em-missing-25-with-biopsy");
        assertThat(clean.path("summary").asText()).startsWith("Clean: ").endsWith("(no findings)");
        assertThat(faulty.path("summary").asText()).startsWith("Faulty: ")
                .contains("MOD-25-MISSING");
        assertThat(clean.path("value").asText())
                .isEqualTo(Files.readString(Path.of("examples/claims/01-clean-em-with-biopsy.json")));
        assertThat(faulty.path("value").asText())
                .isEqualTo(Files.readString(Path.of("examples/claims/17-em-missing-25-with-biopsy.json")));

        // what "Try it out" sends: the example as the body
        assertThat(ruleIds(validate(clean.path("value").asText()))).isEmpty();
        assertThat(ruleIds(validate(faulty.path("value").asText()))).containsExactly("MOD-25-MISSING");
    }

    private OperationOutcome validate(String claim) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(claim)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static List<String> ruleIds(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || issue.getSeverity() == OperationOutcome.IssueSeverity.WARNING)
                .map(issue -> issue.getDetails().getCodingFirstRep().getCode()).toList();
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
