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
        RuleEngine engine = new RuleEngine(RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS),
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
        AuditCommand command = new AuditCommand(TestTerminology.FHIR, service(),
                RuleGlossary.of(TestTerminology.REPOSITORY), new PrintStream(console, true));
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
        // self-contained: no external links, images or scripts (messages may quote system URLs as text)
        assertThat(html).contains("<table>", "Findings by rule").doesNotContain("href=\"http", "src=", "<script");
        assertThat(console.toString()).contains("61/61");

        // the report: every error and warning of the listed claims with claim, line, code, rule, severity, message
        List<String> findings = Files.readAllLines(out.resolve("findings.csv"));
        assertThat(findings.get(0)).isEqualTo(FindingsCsv.HEADER);
        // a header, and a row per error and warning but the unreadable line's
        assertThat(findings).hasSize((int) (summary.errors() + summary.warnings()));
        String first = findings.get(1);
        String claimId = first.substring(0, first.indexOf(','));
        String rule = first.split(",")[3];
        RuleGlossary.Entry entry = RuleGlossary.of(TestTerminology.REPOSITORY).get(rule);
        assertThat(entry.meaning()).isNotBlank();
        assertThat(html).contains("<td>" + claimId + "</td>", "<a href=\"#rule-" + rule + "\">" + rule + "</a>",
                "<dt id=\"rule-" + rule + "\">" + rule + ": " + AuditReport.escape(entry.name()) + "</dt><dd>"
                        + AuditReport.escape(entry.meaning()) + "</dd>",
                "Most frequent rules by procedure code", "Most frequent rules by provider", "derm-dr-",
                "<td class=\"error\">error</td>", "line 61", "is not a JSON Claim");
    }

    @Test
    void theReportListsEachFindingOfAClaimWithItsLineCodeRuleSeverityAndMessage() throws Exception {
        var claim = new ClaimGenerator(1, 2).next(1);
        claim.getItemFirstRep().getModifier().clear();   // the visit loses its 25: MOD-25-MISSING on line 1
        AuditSummary summary = new AuditSummary(true);
        var found = service().findings(claim, false);
        summary.add(claim, found);
        var mod25 = found.stream().filter(f -> f.ruleId().equals("MOD-25-MISSING")).findFirst().orElseThrow();

        String html = new AuditReport(summary, RuleGlossary.of(TestTerminology.REPOSITORY)).render();

        assertThat(html).contains("<tr><td>gen-0000001</td><td class=\"n\">1</td><td>99214</td><td>"
                + "<a href=\"#rule-MOD-25-MISSING\">MOD-25-MISSING</a></td><td class=\"error\">error</td>"
                + "<td class=\"msg\">" + AuditReport.escape(mod25.message()) + "</td></tr>");
        assertThat(html).contains("<td>99214</td><td><a href=\"#rule-MOD-25-MISSING\">MOD-25-MISSING</a></td>");
        assertThat(html).contains("<dt id=\"rule-MOD-25-MISSING\">");
    }

    @Test
    void progressShowsNoEtaUntilARateIsKnownAndLeavesTheWarmUpOutOfIt() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        AuditCommand.Progress progress = new AuditCommand.Progress(1000, new PrintStream(lines, true), false, 0);
        progress.step(5_500_000_000L);                          // the first claim after 5.5 s of warm-up: printed
        assertThat(lines.toString()).contains("1/1,000").contains("measuring the rate").doesNotContain("ETA");

        for (int i = 2; i <= 300; i++) {
            progress.step(5_500_000_000L + (i - 1) * 10_000_000L); // then 100 claims/s
        }
        lines.reset();
        progress.print(8_490_000_000L, false);                 // the warm-up is over: measuring from here
        assertThat(lines.toString()).contains("300/1,000", "measuring the rate").doesNotContain("ETA");
        for (int i = 301; i <= 600; i++) {
            progress.step(5_500_000_000L + (i - 1) * 10_000_000L);
        }
        lines.reset();
        progress.print(11_490_000_000L, false);
        assertThat(lines.toString()).contains("600/1,000", "100 claims/s");
        long eta = Long.parseLong(lines.toString().replaceAll("(?s).*ETA (\\d+) s.*", "$1"));
        assertThat(eta).as("400 claims at 100/s; the average since the start (52/s) would say 8 s").isEqualTo(4);
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
