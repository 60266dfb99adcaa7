package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod25UnsupportedRuleTest {

    private final Mod25UnsupportedRule rule = new Mod25UnsupportedRule();

    @Test
    void firesOnVisitAloneWith25() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("25").build());
        RuleTesting.assertSingle(findings, "MOD-25-UNSUPPORTED", IssueSeverity.WARNING, "Claim.item[0].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 1", "99213", "25", "2024-05-06");
    }

    @Test
    void firesWhenTheProcedureIsOnAnotherDayOrIsOnlyADrug() {
        var findings = RuleTesting.run(rule,
                claim().line("99213").mod("25").line("J7308").line("11102").date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "MOD-25-UNSUPPORTED", IssueSeverity.WARNING, "Claim.item[0].modifier[0]");
    }

    @Test
    void silentWithSameDayProcedureHostedOrNot() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").line("11102").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").line("11200").build())).isEmpty();
    }

    @Test
    void silentWithoutDate() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").noDate().build())).isEmpty();
    }
}
