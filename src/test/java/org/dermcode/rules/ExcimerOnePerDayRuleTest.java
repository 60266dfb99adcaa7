package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ExcimerOnePerDayRuleTest {

    private final ExcimerOnePerDayRule rule = new ExcimerOnePerDayRule(TestTerminology.FACTS);

    @Test
    void firesOnASecondExcimerCodeTheSameDay() {
        var findings = RuleTesting.run(rule, claim().diagnoses("L40.0").line("96920").line("96921").mod("XS").build());
        RuleTesting.assertSingle(findings, "EXCIMER-ONE-PER-DAY", IssueSeverity.WARNING,
                "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "96921", "96920", "line 1", "total", "area");
    }

    @Test
    void firesWhateverTheRenderingProvider() {
        var claim = claim().diagnoses("L40.0").careTeam(2, "Practitioner/dr-b").line("96922").line("96920")
                .careTeamSequence(2).build();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim), "EXCIMER-ONE-PER-DAY", IssueSeverity.WARNING,
                "Claim.item[1].productOrService");
    }

    @Test
    void silentForOneCodeADayOrOnOtherDays() {
        assertThat(RuleTesting.run(rule, claim().line("96920").line("96900").line("96910").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("96920").line("96921").date("2024-05-08").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("96920").line("96920").build())).isEmpty();
    }
}
