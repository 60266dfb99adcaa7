package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dermcode.ServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Actuator: health groups and Prometheus meters after real requests. Spring Boot tests switch metric
 * exporters off unless asked: {@code @AutoConfigureObservability} keeps /actuator/prometheus on
 * (this gives the class a server of its own).
 */
@AutoConfigureObservability
class MetricsIT extends ServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String root() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessGroupsAreUp() throws Exception {
        for (String group : new String[] {"", "/liveness", "/readiness"}) {
            HttpResponse<String> health = get(root() + "/actuator/health" + group);
            assertThat(health.statusCode()).as(group).isEqualTo(200);
            assertThat(health.body()).as(group).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void prometheusShowsFindingsPerRuleTimersPerOperationAndCacheHits() throws Exception {
        String claim = Files.readString(Path.of("examples", "claims", "17-em-missing-25-with-biopsy.json"));
        HttpResponse<String> validated = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(claim)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(validated.statusCode()).isEqualTo(200);
        assertThat(validated.body()).contains("MOD-25-MISSING");
        String bundled = Files.readString(Path.of("examples", "claims", "25-ptp-biopsy-with-wart-destruction.json"));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundled)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("PTP-BUNDLED");
        HttpResponse<String> lookup = get(baseUrl() + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=00000");
        assertThat(lookup.statusCode()).isEqualTo(404);

        HttpResponse<String> prometheus = get(root() + "/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        String body = prometheus.body();
        assertThat(body).containsPattern("dermcode_claim_findings_total\\{[^}]*rule=\"MOD-25-MISSING\",severity=\"error\"[^}]*} [1-9]");
        assertThat(body).containsPattern("dermcode_claim_findings_total\\{[^}]*rule=\"PTP-BUNDLED\",severity=\"error\"[^}]*} [1-9]");
        assertThat(body).containsPattern(
                "dermcode_fhir_requests_seconds_count\\{[^}]*operation=\"\\$validate-claim\",resourceType=\"Claim\",status=\"200\"[^}]*} [1-9]");
        assertThat(body).containsPattern(
                "dermcode_fhir_requests_seconds_count\\{[^}]*operation=\"\\$lookup\",resourceType=\"CodeSystem\",status=\"404\"[^}]*} [1-9]");
        assertThat(body).contains("cache_gets_total{cache=\"lookups\"").contains("cache_gets_total{cache=\"expansions\"");
        // claims the profile validator's element-model builder could not take (ProfileValidatorRoutesTest: none
        // of the examples or the corpus); other ITs share this server, so only its presence is pinned here
        assertThat(body).containsPattern("dermcode_profile_json_fallbacks_total(\\{[^}]*})? [0-9]");
    }
}
