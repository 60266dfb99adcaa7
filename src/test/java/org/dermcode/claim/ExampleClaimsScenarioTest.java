package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermcode.TestTerminology;
import org.dermcode.rules.ClaimRule;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole rule engine (no HTTP) over {@code examples/claims/}: each claim must produce exactly
 * the findings its manifest entry lists (rule id, severity, expression, in order), and clean
 * claims must also pass the profile without errors.
 */
class ExampleClaimsScenarioTest {

    static final Path DIR = Path.of("examples", "claims");
    private static RuleEngine engine;
    private static JsonNode manifest;

    @BeforeAll
    static void load() throws IOException {
        List<ClaimRule> rules = RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS);
        engine = new RuleEngine(rules, TestTerminology.CATALOG);
        manifest = new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());
    }

    static Claim read(String file) throws IOException {
        return TestTerminology.FHIR.newJsonParser().parseResource(Claim.class, Files.readString(DIR.resolve(file)));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleProducesItsManifestFindings() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String file = entry.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                List<String> expected = new ArrayList<>();
                for (JsonNode e : entry.get("expected")) {
                    expected.add(e.get("rule").asText() + " " + e.get("severity").asText() + " "
                            + e.get("expression").asText());
                }
                List<String> actual = new ArrayList<>();
                for (Finding f : engine.run(TestTerminology.VIEWS.create(read(file)))) {
                    actual.add(f.ruleId() + " " + f.severity().toCode() + " " + f.expression());
                }
                assertThat(actual).as(file).containsExactlyElementsOf(expected);
            }));
        }
        return tests.stream();
    }

    @Test
    void manifestListsEveryExampleAndAtLeast25() throws IOException {
        List<String> listed = new ArrayList<>();
        manifest.forEach(e -> listed.add(e.get("file").asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("manifest.json")).sorted().toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void cleanExamplesPassTheProfileWithoutErrors() throws IOException {
        ProfileValidator profile = TestTerminology.profileValidator();
        for (JsonNode entry : manifest) {
            if (entry.get("expected").isEmpty()) {
                String file = entry.get("file").asText();
                List<Finding> findings = profile.validate(read(file));
                assertThat(findings).as(file).noneMatch(f -> f.severity() == IssueSeverity.ERROR
                        || f.severity() == IssueSeverity.FATAL);
            }
        }
    }
}
