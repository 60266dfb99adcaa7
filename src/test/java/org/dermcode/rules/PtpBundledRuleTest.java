package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PtpBundledRuleTest {

    private final PtpBundledRule rule = new PtpBundledRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnColumn2OfIndicator1PairWithoutModifier() {
        var findings = RuleTesting.run(rule, claim().diagnoses("B07.8").line("17110").line("11102").build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("11102", "17110", "XS");
    }

    @Test
    void indicator1PairIsBypassedByXsOnEitherLine() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("11102").mod("XS").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("XS").line("11102").build())).isEmpty();
    }

    @Test
    void indicator0PairFiresEvenWith59() {
        var findings = RuleTesting.run(rule, claim().line("17004").line("17000").mod("59").build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("never");
    }

    @Test
    void column2IsReportedWhateverTheLineOrder() {
        var findings = RuleTesting.run(rule, claim().line("17000").line("17004").build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[0].productOrService");
    }

    @Test
    void visitWithoutModifierNextToAMinorProcedureIsLeftToMod25Missing() {
        var claim = claim().line("99213").line("11102").line("96920").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
        assertThat(RuleTesting.run(new Mod25MissingRule(), claim)).hasSize(1);
    }

    @Test
    void visitPairWithAnXxxProcedureAdvises25OnTheVisitOnce() {
        var findings = RuleTesting.run(rule, claim().diagnoses("L40.0").line("99213").line("96910").build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("Line 1", "99213", "96910 (line 2)",
                "append modifier 25 to line 1", "NCCI PTP 2024 Q3").doesNotContain("XS", "append 59");
        var in2026 = RuleTesting.run(rule, claim().diagnoses("L40.0").line("99213").date("2026-05-04").line("96910")
                .date("2026-05-04").build());
        RuleTesting.assertSingle(in2026, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(in2026.get(0).message()).contains("NCCI PTP 2026 Q2");
    }

    @Test
    void visitPairIsBypassedBy25() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").line("96910").build())).isEmpty();
    }

    @Test
    void twoVisitsAreLeftToEmMultiple() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("99212").build())).isEmpty();
    }

    @Test
    void silentOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("11102").date("2024-05-20").build())).isEmpty();
    }

    @Test
    void silentForPairWithoutEdit() {
        assertThat(RuleTesting.run(rule, claim().line("17311").line("17313").build())).isEmpty();
    }

    @Test
    void namesTheReleaseThatHoldsThePair() {
        var in2024 = RuleTesting.run(rule, claim().line("17110").line("11102").build());
        assertThat(in2024.get(0).message()).contains("NCCI PTP 2024 Q3", "is bundled into");
        var in2026 = RuleTesting.run(rule, claim().line("17110").date("2026-05-04").line("11102").date("2026-05-04").build());
        RuleTesting.assertSingle(in2026, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(in2026.get(0).message()).contains("NCCI PTP 2026 Q2", "11102 is bundled into 17110");
    }

    @Test
    void a2026Q2PairFiresOnlyFromItsEffectiveDate() {
        // 10061/11403: not in 2024 Q3, which covers 11403; in 2026 Q2 with a guessed column order
        assertThat(RuleTesting.run(rule, claim().line("10061").date("2026-03-31").line("11403").date("2026-03-31").build()))
                .isEmpty();
        var findings = RuleTesting.run(rule, claim().line("10061").date("2026-04-01").line("11403").date("2026-04-01")
                .build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("11403 and 10061", "NCCI procedure-to-procedure pair",
                "NCCI PTP 2026 Q2", "probably the lower-valued 11403").doesNotContain("is bundled into");
    }

    @Test
    void aGuessedPairIsBypassedLikeAnyOther() {
        assertThat(RuleTesting.run(rule, claim().line("10061").date("2026-04-01").line("11403").date("2026-04-01")
                .mod("XS").build())).isEmpty();
    }

    @Test
    void codesOutsideThe2024Q3CoverageAreJudgedBy2026Q2On2024Dates() {
        var findings = RuleTesting.run(rule, claim().line("10060").line("11200").build());
        RuleTesting.assertSingle(findings, "PTP-BUNDLED", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("NCCI PTP 2026 Q2");
    }
}
