package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqItemRuleTest {

    private final SeqItemRule rule = new SeqItemRule();

    @Test
    void firesOnGap() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").sequence(3).build());
        RuleTesting.assertSingle(findings, "SEQ-ITEM", IssueSeverity.ERROR, "Claim.item[1].sequence");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "item.sequence 3", "set it to 2");
    }

    @Test
    void firesOnEachOutOfOrderLine() {
        var findings = RuleTesting.run(rule, claim().line("99213").sequence(2).line("11102").sequence(1).build());
        assertThat(findings).extracting(Finding::expression)
                .containsExactly("Claim.item[0].sequence", "Claim.item[1].sequence");
    }

    @Test
    void firesOnDuplicate() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").sequence(1).build());
        RuleTesting.assertSingle(findings, "SEQ-ITEM", IssueSeverity.ERROR, "Claim.item[1].sequence");
    }

    @Test
    void silentForLinesNumberedInOrder() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").line("11103").build())).isEmpty();
    }
}
