package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqAddOnOrderRuleTest {

    private final SeqAddOnOrderRule rule = new SeqAddOnOrderRule();

    @Test
    void firesOnAddOnBeforeItsPrimary() {
        var findings = RuleTesting.run(rule, claim().line("11103").line("11102").build());
        RuleTesting.assertSingle(findings, "SEQ-ADDON-ORDER", IssueSeverity.ERROR, "Claim.item[0]");
        assertThat(findings.get(0).message()).contains("Line 1", "11103", "11102", "line 2", "2024-05-06");
    }

    @Test
    void silentWhenOneEligiblePrimaryComesFirst() {
        assertThat(RuleTesting.run(rule, claim().line("11104").line("11103").line("11102").build())).isEmpty();
    }

    @Test
    void silentForAddOnAfterPrimary() {
        assertThat(RuleTesting.run(rule, claim().line("17311").line("17312").build())).isEmpty();
    }

    @Test
    void silentWithoutPrimaryThatDay() {
        assertThat(RuleTesting.run(rule, claim().line("11103").line("11102").date("2024-05-07").build())).isEmpty();
    }
}
