package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class EmMultipleRuleTest {

    private final EmMultipleRule rule = new EmMultipleRule();

    @Test
    void firesOnSecondVisitOfTheDay() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").line("99214").build());
        RuleTesting.assertSingle(findings, "EM-MULTIPLE", IssueSeverity.ERROR, "Claim.item[2].productOrService");
        assertThat(findings.get(0).message()).contains("Line 3", "99214", "99213", "line 1", "2024-05-06");
    }

    @Test
    void firesOnEveryVisitAfterTheFirst() {
        var findings = RuleTesting.run(rule, claim().line("99203").line("99213").line("99212").build());
        assertThat(findings).extracting(Finding::expression)
                .containsExactly("Claim.item[1].productOrService", "Claim.item[2].productOrService");
    }

    @Test
    void countsUnitsOneLineWithTwoUnitsIsTwoVisits() {
        var findings = RuleTesting.run(rule, claim().line("99213").units(2).line("11102").build());
        RuleTesting.assertSingle(findings, "EM-MULTIPLE", IssueSeverity.ERROR, "Claim.item[0].quantity");
        assertThat(findings.get(0).message()).contains("Line 1", "99213", "2 units");
    }

    @Test
    void silentForOneVisitPerDay() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("99213").units(1).line("11102").units(3).build())).isEmpty();
    }

    @Test
    void silentOnAnotherDayOrForAnotherProvider() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("99213").date("2024-05-07").build())).isEmpty();
        var claim = claim().careTeam(2, "Practitioner/dr-b").line("99213").line("99214").careTeamSequence(2).build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentForUndatedLines() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("99214").noDate().build())).isEmpty();
    }
}
