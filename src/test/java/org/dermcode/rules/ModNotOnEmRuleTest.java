package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModNotOnEmRuleTest {

    private final ModNotOnEmRule rule = new ModNotOnEmRule();

    @Test
    void firesXsOnEm() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("25").mod("XS").line("11102").build());
        RuleTesting.assertSingle(findings, "MOD-NOT-ON-EM", IssueSeverity.ERROR, "Claim.item[0].modifier[1]");
        assertThat(findings.get(0).message()).contains("Line 1", "99213", "XS");
    }

    @Test
    void fires51OnEm() {
        var findings = RuleTesting.run(rule, claim().line("99203").mod("51").build());
        RuleTesting.assertSingle(findings, "MOD-NOT-ON-EM", IssueSeverity.ERROR, "Claim.item[0].modifier[0]");
    }

    @Test
    void firesOnTheProcedureModifiersCptBarsFromVisits() {
        for (String modifier : new String[] {"22", "76", "77", "78"}) {
            var findings = RuleTesting.run(rule, claim().line("99214").mod(modifier).build());
            RuleTesting.assertSingle(findings, "MOD-NOT-ON-EM", IssueSeverity.ERROR, "Claim.item[0].modifier[0]");
            assertThat(findings.get(0).message()).contains(modifier);
        }
    }

    @Test
    void silentFor22And76OnProcedures() {
        assertThat(RuleTesting.run(rule, claim().line("11603").mod("22").line("11102").mod("76").build())).isEmpty();
    }

    @Test
    void silentOnProcedureAndForAnyModifierOnEm() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").mod("RT").line("11102").mod("59").mod("51")
                .build())).isEmpty();
    }
}
