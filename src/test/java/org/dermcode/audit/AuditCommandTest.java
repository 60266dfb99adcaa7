package org.dermcode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermcode.TestTerminology;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.claim.ProfileValidator;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit on a small generated input: one outcome per claim in order, the CSV and HTML summaries. */
class AuditCommandTest {

    @TempDir
    Path temp;

    private static ClaimValidationService service() {
        RuleEngine engine = new RuleEngine(RuleSet.all(TestTerminology.PTP, TestTerminology.FACTS),
                TestTerminology.CATALOG);
        ProfileValidator profile = TestTerminology.profileValidator();
        return new ClaimValidationService(TestTerminology.VIEWS, engine, profile, findings -> { });
    }

    @Test
    void auditWritesOneOutcomePerClaimInOrderAndTheSummaries() throws Exception {
        Path input = temp.resolve("claims.ndjson");
        ClaimGenerator.write(TestTerminology.FHIR, input, 60, 7, null);
        Files.writeString(input, Files.readString(input) + "{\"resourceType\": \"Claim\", \n", StandardCharsets.UTF_8);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AuditCommand command = new AuditCommand(TestTerminology.FHIR, service(), new PrintStream(console, true));
        Path out = temp.resolve("out");

        AuditSummary summary = command.run(AuditCommand.Options.parse(List.of(input.toString(), "--out",
                out.toString(), "--threads", "2")));

        assertThat(summary.claims()).isEqualTo(61);
        List<String> outcomes = Files.readAllLines(out.resolve("outcomes.ndjson"));
        assertThat(outcomes).hasSize(61);
        for (int i = 0; i < 60; i++) {
            OperationOutcome outcome = TestTerminology.FHIR.newJsonParser().parseResource(OperationOutcome.class,
                    outcomes.get(i));
            assertThat(outcome.getIdElement().getIdPart()).isEqualTo(String.format("gen-%07d", i + 1));
            assertThat(outcome.getExtensionByUrl(AuditCommand.CLAIM_EXTENSION)).isNotNull();
            assertThat(outcome.getIssue()).isNotEmpty();
        }
        assertThat(outcomes.get(60)).contains("line-61", "not a JSON Claim");
        assertThat(summary.claimsWithErrors()).isBetween(2L, 59L);
        String csv = Files.readString(out.resolve("summary.csv"));
        assertThat(csv).startsWith("section,key,count,errors,warnings").contains("total,claims,61",
                "total,unreadable claims,1", "rule,", "code,17000,");
        String html = Files.readString(out.resolve("summary.html"));
        assertThat(html).contains("<table>", "Findings by rule").doesNotContain("http://", "https://", "<script");
        assertThat(console.toString()).contains("61/61");
    }

    @Test
    void generatedCleanTenLineClaimsHaveNoErrorsWithoutInjectedFaults() throws Exception {
        ClaimGenerator generator = new ClaimGenerator(3, 10);
        ClaimValidationService service = service();
        int clean = 0;
        for (int i = 1; i <= 40; i++) {
            var claim = generator.next(i);
            assertThat(claim.getItem()).hasSize(10);
            if (service.findings(claim, true).isEmpty()) {
                clean++;
            }
        }
        assertThat(clean).as("about two in three generated claims are clean").isBetween(15, 39);
    }

    @Test
    void badArgumentsAreExplained() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditCommand.Options.parse(List.of("x.ndjson")))
                .hasMessageContaining("--out");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditCommand.Options.parse(
                List.of("x", "--out", "o", "--bogus"))).hasMessageContaining("--bogus");
    }
}
