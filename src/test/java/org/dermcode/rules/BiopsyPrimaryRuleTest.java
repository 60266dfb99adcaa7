package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class BiopsyPrimaryRuleTest {

    private final BiopsyPrimaryRule rule = new BiopsyPrimaryRule();

    @Test
    void firesOnLowerRankedPrimary() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11106").build());
        RuleTesting.assertSingle(findings, "BIOPSY-PRIMARY", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("Line 1", "11102", "keep 11106", "line 2", "11103",
                "2024-05-06");
    }

    @Test
    void firesOnEveryPrimaryBelowTheHighest() {
        var findings = RuleTesting.run(rule, claim().line("11104").line("11106").line("11102").build());
        assertThat(findings).extracting(Finding::expression)
                .containsExactly("Claim.item[0].productOrService", "Claim.item[2].productOrService");
        assertThat(findings.get(0).message()).contains("11105");
    }

    @Test
    void silentForOnePrimaryWithAddOns() {
        assertThat(RuleTesting.run(rule, claim().line("11106").line("11105").units(2).build())).isEmpty();
    }

    @Test
    void silentForTheSameCodeTwice() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11102").build())).isEmpty();
    }

    @Test
    void silentOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11106").date("2024-05-07").build())).isEmpty();
    }
}
