package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod57MinorRuleTest {

    private final Mod57MinorRule rule = new Mod57MinorRule();

    @Test
    void firesWithSameDayMinorProcedure() {
        var findings = RuleTesting.run(rule, claim().line("99203").mod("57").line("11102").line("11103").build());
        RuleTesting.assertSingle(findings, "MOD-57-MINOR", IssueSeverity.ERROR, "Claim.item[0].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 1", "99203", "57", "11102", "25");
    }

    @Test
    void firesWithNextDayMinorProcedure() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("57").line("11603").date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "MOD-57-MINOR", IssueSeverity.ERROR, "Claim.item[0].modifier[0]");
        assertThat(findings.get(0).message()).contains("11603", "010");
    }

    @Test
    void silentWithoutProcedureInWindow() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("57").line("11102").date("2024-05-08").build()))
                .isEmpty();
    }

    @Test
    void silentWhenProcedureIsByAnotherProvider() {
        var claim = claim().careTeam(2, "Practitioner/dr-b").line("99213").mod("57").line("11102").careTeamSequence(2)
                .build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentWithXxxGlobalProcedure() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("57").line("96900").build())).isEmpty();
    }

    @Test
    void silentWhenAProcedureIsNotHosted() {
        // 14040 (adjacent tissue transfer) is not hosted: its global period is unknown, possibly 090
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("57").line("11102").line("14040").build()))
                .isEmpty();
    }
}
