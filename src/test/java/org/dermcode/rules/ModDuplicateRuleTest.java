package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModDuplicateRuleTest {

    private final ModDuplicateRule rule = new ModDuplicateRule();

    @Test
    void firesAtTheRepeat() {
        var findings = RuleTesting.run(rule, claim().line("11102").mod("XS").mod("RT").mod("xs").build());
        RuleTesting.assertSingle(findings, "MOD-DUPLICATE", IssueSeverity.ERROR, "Claim.item[0].modifier[2]");
        assertThat(findings.get(0).message()).contains("Line 1", "11102", "XS");
    }

    @Test
    void firesAtEveryRepeat() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("25").mod("25").mod("25").build());
        assertThat(findings).extracting(Finding::expression)
                .containsExactly("Claim.item[0].modifier[1]", "Claim.item[0].modifier[2]");
    }

    @Test
    void silentForDistinctModifiersAndSameModifierOnTwoLines() {
        assertThat(RuleTesting.run(rule, claim().line("11102").mod("XS").mod("RT").line("11104").mod("XS").build()))
                .isEmpty();
    }
}
