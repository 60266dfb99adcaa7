package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod59WithXRuleTest {

    private final Mod59WithXRule rule = new Mod59WithXRule();

    @Test
    void firesAtThe59() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11102").mod("XS").mod("59").build());
        RuleTesting.assertSingle(findings, "MOD-59-WITH-X", IssueSeverity.ERROR, "Claim.item[1].modifier[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "59", "XS");
    }

    @Test
    void silentWith59OrXAlone() {
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("59").line("11102").mod("XS").mod("RT").build()))
                .isEmpty();
    }
}
