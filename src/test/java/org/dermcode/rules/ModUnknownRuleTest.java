package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModUnknownRuleTest {

    private final ModUnknownRule rule = new ModUnknownRule();

    @Test
    void firesOnModifierTheServerDoesNotKnow() {
        var findings = RuleTesting.run(rule, claim().line("11102").mod("XS").mod("Q9").build());
        RuleTesting.assertSingle(findings, "MOD-UNKNOWN", IssueSeverity.WARNING, "Claim.item[0].modifier[1]");
        assertThat(findings.get(0).message()).contains("Line 1", "11102", "Q9");
    }

    @Test
    void silentForKnownModifiersInAnySpelling() {
        var claim = claim().line("99213").mod("25").line("11102").mod("xs").build();
        claim.getItem().get(1).addModifier().addCoding().setCode("RT");
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
