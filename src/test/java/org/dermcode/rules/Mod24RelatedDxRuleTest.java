package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod24RelatedDxRuleTest {

    private final Mod24RelatedDxRule rule = new Mod24RelatedDxRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesWhenThe24VisitPointsOnlyAtTheSurgerysDiagnosis() {
        var claim = claim().diagnoses("B07.8", "L40.0").line("17110").line("99213").mod("24").date("2024-05-13")
                .build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "MOD-24-RELATED-DX", IssueSeverity.WARNING, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 2", "99213-24", "17110", "B07.8", "10-day");
    }

    @Test
    void silentWhenTheVisitPointsAtAnotherProblem() {
        var claim = claim().diagnoses("B07.8", "L40.0").line("17110").line("99213").mod("24").dx(2, 1)
                .date("2024-05-13").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentOutsideTheGlobalPeriodOrWithout24() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("99213").mod("24").date("2024-05-17").build()))
                .isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("11102").line("99213").mod("24").date("2024-05-07").build()))
                .isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").line("99213").date("2024-05-07").build())).isEmpty();
    }
}
