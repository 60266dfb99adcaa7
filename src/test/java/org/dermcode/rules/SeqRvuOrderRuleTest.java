package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.dermcode.TestTerminology;
import org.dermcode.claim.ClaimViewFactory;
import org.dermcode.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class SeqRvuOrderRuleTest {

    private final SeqRvuOrderRule rule = new SeqRvuOrderRule();

    @Test
    void firesOnHigherValuedPrimaryListedLater() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11106").build());
        RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11106", "4.67", "11102", "line 1", "3.02");
    }

    @Test
    void ranksOfficeLinesWithNonFacilityRvus() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11104").build());
        RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
    }

    @Test
    void ranksFacilityLinesWithFacilityRvus() {
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").line("11104").pos("22").build())).isEmpty();
    }

    @Test
    void ranksByCmsFacilityListNotOffice() {
        // 17110 then 11104: non-facility 3.43 < 3.76 fires; facility totals 17110 > 11104 stay silent
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("49").line("11104").pos("49").build())).hasSize(1);
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("24").line("11104").pos("24").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("10").line("11104").pos("10").build())).hasSize(1);
    }

    @Test
    void placeOfServiceSystemIsReadWithOrWithoutHtml() {
        String page = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").posSystem(page).line("11104").pos("22")
                .posSystem(page).build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").posSystem("http://example.org/other")
                .line("11104").pos("22").posSystem("http://example.org/other").build())).hasSize(1);
    }

    @Test
    void ranksOnlyCodesSubjectToTheMultipleProcedureReduction() {
        // 88305 (indicator 0) is worth more than 11102 but is not ranked; 96567 likewise
        assertThat(RuleTesting.run(rule, claim().line("11102").line("96567").line("88342").build())).isEmpty();
    }

    @Test
    void silentInDescendingOrder() {
        assertThat(RuleTesting.run(rule, claim().line("11106").line("11104").line("11102").build())).isEmpty();
    }

    @Test
    void ignoresAddOnsAndVisits() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").line("17312").build())).isEmpty();
    }

    @Test
    void silentOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11106").date("2024-05-07").build())).isEmpty();
    }

    @Test
    void ranksByTheFeeScheduleInForceOnTheDateOfService() {
        // 11403 / 96922 non-facility totals: 5.98 / 6.97 in CY2024, 5.98 / 5.27 in CY2026
        var in2024 = RuleTesting.run(rule, claim().line("11403").date("2024-06-03").line("96922").date("2024-06-03").build());
        RuleTesting.assertSingle(in2024, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(in2024.get(0).message()).contains("6.97", "5.98", "CY2024 fee schedule");
        assertThat(RuleTesting.run(rule, claim().line("11403").date("2026-06-01").line("96922").date("2026-06-01").build()))
                .isEmpty();
        var in2026 = RuleTesting.run(rule, claim().line("96922").date("2026-06-01").line("11403").date("2026-06-01").build());
        RuleTesting.assertSingle(in2026, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(in2026.get(0).message()).contains("5.98", "5.27", "CY2026 fee schedule");
    }

    @Test
    void aPathologyComponentLineIsNotRankedItsComponentRowHasIndicator0() {
        // 88305-26 and 88305-TC (1.05 RVUs each in CY2026) have indicator 0 like the global 88305: not ranked
        assertThat(RuleTesting.run(rule, claim().line("11102").date("2026-06-01").line("88305").mod("26")
                .date("2026-06-01").line("88305").mod("TC").date("2026-06-01").build())).isEmpty();
    }

    @Test
    void aComponentModifierOnACodeWithoutTheSplitRanksByTheBaseRow() {
        // 11104 has no 26 row (MOD-PCTC reports the modifier): its base 3.63 still outranks 11102's 2.86
        var findings = RuleTesting.run(rule, claim().line("11102").date("2026-06-01").line("11104").mod("26")
                .date("2026-06-01").build());
        RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("11104 (3.63 RVUs)").doesNotContain("component");
    }

    /**
     * No code of the CY2024-CY2026 fee schedules both splits into 26/TC and has indicator 2, so the
     * component ranking is shown on a copy of the rules data in which 11104 (indicator 2) is given a
     * professional/technical split: 26 at 1.50 non-facility / 0.90 facility, TC at 2.13 / 2.13.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithASplitCodeOfIndicator2 {

        private ClaimViewFactory views;

        @BeforeAll
        void splitCode(@TempDir Path rules) throws IOException {
            try (var files = Files.list(Path.of("rules"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, rules.resolve(file.getFileName()));
                }
            }
            Path fees = rules.resolve("pfs-RVU26C.csv");
            List<String> lines = Files.readAllLines(fees).stream().flatMap(line -> line.startsWith("11104,,")
                    ? List.of(line.replace(",0,2,0,1,", ",1,2,0,1,"),
                            "11104,26,A,000,0.81,1.50,0.90,1,2,0,1,0,0,33.4009",
                            "11104,TC,A,000,0.00,2.13,2.13,1,2,0,1,0,0,33.4009").stream()
                    : List.of(line).stream()).collect(Collectors.toList());
            Files.write(fees, lines);
            Knowledge knowledge = Knowledge.load(rules);
            views = new ClaimViewFactory(new CodeFactsRegistry(TestTerminology.REPOSITORY, TestTerminology.EXPANSIONS,
                    knowledge));
        }

        private List<Finding> run(Claim claim) {
            Findings findings = new Findings(TestTerminology.CATALOG);
            rule.check(views.create(claim), findings);
            return findings.list();
        }

        @Test
        void firesWhenTheComponentIsWorthMoreThanTheLineBeforeIt() {
            // 11104-26 (1.50) first, then 11102 (2.86): the global 11104 (3.63) would be in order
            var findings = run(claim().line("11104").mod("26").date("2026-06-01").line("11102").date("2026-06-01")
                    .build());
            RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
            assertThat(findings.get(0).message()).contains("11102 (2.86 RVUs)",
                    "11104-26 (line 1, 1.50 RVUs, the professional component)", "CY2026 fee schedule");
        }

        @Test
        void silentWhenTheComponentIsWorthLessThanTheLineBeforeIt() {
            // 11102 (2.86) first, then 11104-26 (1.50): the global 11104 (3.63) would be out of order
            assertThat(run(claim().line("11102").date("2026-06-01").line("11104").mod("26").date("2026-06-01")
                    .build())).isEmpty();
            assertThat(run(claim().line("11102").date("2026-06-01").line("11104").date("2026-06-01").build()))
                    .hasSize(1);
        }

        @Test
        void theTechnicalComponentUsesItsOwnRowAndTheFacilityTotal() {
            // TC 2.13 < 2.86 non-facility: silent; at an ASC (24) 11102's facility total 0.90 < TC 2.13: fires
            assertThat(run(claim().line("11102").date("2026-06-01").line("11104").mod("TC").date("2026-06-01")
                    .build())).isEmpty();
            var findings = run(claim().line("11102").pos("24").date("2026-06-01").line("11104").mod("TC")
                    .pos("24").date("2026-06-01").build());
            RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
            assertThat(findings.get(0).message()).contains("11104-TC (2.13 RVUs, the technical component)");
        }

        @Test
        void beforeCy2026TheCodeHasNoSplitAndRanksByItsBaseRow() {
            assertThat(run(claim().line("11102").date("2025-06-02").line("11104").mod("26").date("2025-06-02")
                    .build())).hasSize(1);
        }
    }
}
