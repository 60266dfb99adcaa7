package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModEmOnlyRuleTest {

    private final ModEmOnlyRule rule = new ModEmOnlyRule();

    @Test
    void fires25OnProcedure() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").mod("RT").mod("25").build());
        RuleTesting.assertSingle(findings, "MOD-EM-ONLY", IssueSeverity.ERROR, "Claim.item[1].modifier[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "25");
    }

    @Test
    void firesOncePerModifier() {
        var findings = RuleTesting.run(rule, claim().line("17110").mod("24").mod("57").mod("24").build());
        assertThat(findings).extracting(Finding::expression)
                .containsExactly("Claim.item[0].modifier[0]", "Claim.item[0].modifier[1]");
    }

    @Test
    void silentOnEmAndOnUnhostedCode() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").line("96372").mod("25").build())).isEmpty();
    }
}
