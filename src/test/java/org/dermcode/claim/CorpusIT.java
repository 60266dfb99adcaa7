package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermcode.ServerIT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every published Claim in {@code ../shared/corpus/claims/} (top-level files, each Claim inside
 * the Bundles, the Bundles themselves as a batch, and the ExplanationOfBenefit files) gets 200 or
 * 4xx with a well-formed OperationOutcome (or a Bundle of them), never a 5xx. Skipped where the
 * shared corpus is absent (a newcomer's clone).
 */
class CorpusIT extends ServerIT {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "claims");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsAnsweredWithoutServerError() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "shared corpus not present");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("MANIFEST.json"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            String body = Files.readString(file);
            tests.add(DynamicTest.dynamicTest(CORPUS.relativize(file).toString(), () -> check(body)));
            JsonNode tree = JSON.readTree(body);
            if ("Bundle".equals(tree.path("resourceType").asText())) {
                int n = 0;
                for (JsonNode entry : tree.path("entry")) {
                    String entryBody = JSON.writeValueAsString(entry.path("resource"));
                    tests.add(DynamicTest.dynamicTest(CORPUS.relativize(file) + " entry " + n++, () -> check(entryBody)));
                }
            }
        }
        return tests.stream();
    }

    private void check(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        IBaseResource answer = FHIR.newJsonParser().parseResource(response.body());
        if (answer instanceof Bundle bundle) {
            assertThat(response.statusCode()).isEqualTo(200);
            bundle.getEntry().forEach(e -> assertThat(e.getResource()).isInstanceOf(OperationOutcome.class));
        } else {
            assertThat(answer).isInstanceOf(OperationOutcome.class);
            assertThat(((OperationOutcome) answer).getIssue()).isNotEmpty();
        }
        assertThat(response.body()).doesNotContain("at org.", "at ca.uhn", "Exception:");
    }
}
