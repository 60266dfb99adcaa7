package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PtpBundledRuleTest {

    private final PtpBundledRule rule = new PtpBundledRule(TestTerminology.PTP);

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
    void silentOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("11102").date("2024-05-20").build())).isEmpty();
    }

    @Test
    void silentForPairWithoutEdit() {
        assertThat(RuleTesting.run(rule, claim().line("17311").line("17313").build())).isEmpty();
    }
}
