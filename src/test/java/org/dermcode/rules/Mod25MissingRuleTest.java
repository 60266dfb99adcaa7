package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod25MissingRuleTest {

    private final Mod25MissingRule rule = new Mod25MissingRule();

    @Test
    void firesOnVisitWithMinorProcedureAndNo25() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").build());
        RuleTesting.assertSingle(findings, "MOD-25-MISSING", IssueSeverity.ERROR, "Claim.item[0]");
        assertThat(findings.get(0).message()).contains("99213", "11102", "modifier 25", "2024-05-06");
    }

    @Test
    void firesForNewPatientVisitWith010Procedure() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("99203").build());
        RuleTesting.assertSingle(findings, "MOD-25-MISSING", IssueSeverity.ERROR, "Claim.item[1]");
    }

    @Test
    void silentWith25() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("25").line("11102").build())).isEmpty();
    }

    @Test
    void silentWhenProcedureIsOnAnotherDay() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").date("2024-05-07").build())).isEmpty();
    }

    @Test
    void silentWhenProcedureIsByAnotherProvider() {
        var claim = claim().careTeam(2, "Practitioner/dr-b").line("99213").line("11102").careTeamSequence(2).build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentWithXxxGlobalProcedure() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("96900").build())).isEmpty();
    }
}
