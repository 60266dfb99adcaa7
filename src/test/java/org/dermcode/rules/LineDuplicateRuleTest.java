package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class LineDuplicateRuleTest {

    private final LineDuplicateRule rule = new LineDuplicateRule();

    @Test
    void firesOnTheRepeatOfTheSameCodeModifiersAndPointers() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11103").line("11103").build());
        RuleTesting.assertSingle(findings, "LINE-DUPLICATE", IssueSeverity.WARNING, "Claim.item[2]");
        assertThat(findings.get(0).message()).contains("Line 3 repeats line 2", "11103", "units", "76");
    }

    @Test
    void modifierAndPointerOrderDoNotMatter() {
        var claim = claim().diagnoses("D48.5", "L57.0").line("11104").mod("RT").mod("XS").dx(1, 2)
                .line("11104").mod("XS").mod("RT").dx(2, 1).build();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim), "LINE-DUPLICATE", IssueSeverity.WARNING, "Claim.item[1]");
    }

    @Test
    void firesOnEveryRepeat() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("17110").line("17110").build());
        assertThat(findings).extracting(Finding::expression).containsExactly("Claim.item[1]", "Claim.item[2]");
    }

    @Test
    void silentWhenTheRepeatIsShownByModifierOrDiagnosis() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11103").line("11103").mod("76").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("11104").mod("RT").line("11104").mod("LT").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().diagnoses("D48.5", "L57.0").line("11102").line("11103").dx(1)
                .line("11103").dx(2).build())).isEmpty();
    }

    @Test
    void silentOnAnotherDayOrForAnotherProviderAndForVisits() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("17110").date("2024-05-07").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().careTeam(2, "Practitioner/dr-b").line("17110").line("17110")
                .careTeamSequence(2).build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("99213").line("99213").build())).isEmpty();
    }
}
