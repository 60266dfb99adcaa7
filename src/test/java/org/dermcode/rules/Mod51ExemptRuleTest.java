package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod51ExemptRuleTest {

    private final Mod51ExemptRule rule = new Mod51ExemptRule();

    @Test
    void fires51On17004() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("17004").mod("51").build());
        RuleTesting.assertSingle(findings, "MOD-51-EXEMPT", IssueSeverity.WARNING, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 2", "17004", "51");
    }

    @Test
    void silentOnReducibleCodeAddOnEmAndUnhosted() {
        var claim = claim().line("99213").mod("51").line("17311").mod("51").line("17312").mod("51")
                .line("11200").mod("51").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
