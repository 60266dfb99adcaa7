package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModLimitRuleTest {

    private final ModLimitRule rule = new ModLimitRule();

    @Test
    void firesOnceAtTheFifthModifier() {
        var findings = RuleTesting.run(rule,
                claim().line("11102").mod("XS").mod("RT").mod("F1").mod("76").mod("77").mod("22").build());
        RuleTesting.assertSingle(findings, "MOD-LIMIT", IssueSeverity.ERROR, "Claim.item[0].modifier[4]");
        assertThat(findings.get(0).message()).contains("Line 1", "11102", "6 modifiers", "77", "22");
    }

    @Test
    void silentWithFourModifiers() {
        assertThat(RuleTesting.run(rule, claim().line("11102").mod("XS").mod("RT").mod("F1").mod("76").build()))
                .isEmpty();
    }
}
