package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class G2211With25RuleTest {

    private final G2211With25Rule rule = new G2211With25Rule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnG2211BesideAVisitWith25() {
        var findings = RuleTesting.run(rule, claim().diagnoses("L40.0", "D48.5").line("99214").mod("25").line("G2211")
                .line("11102").dx(2).build());
        RuleTesting.assertSingle(findings, "G2211-WITH-25", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "G2211", "99214-25", "line 1", "remove G2211");
    }

    @Test
    void from2025TheExceptionsOnlyCountWhenOneIsBilledThatDay() {
        var withProcedure = claim().line("99214").mod("25").date("2025-03-03").line("G2211").date("2025-03-03")
                .line("11102").date("2025-03-03").build();
        var findings = RuleTesting.run(rule, withProcedure);
        RuleTesting.assertSingle(findings, "G2211-WITH-25", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("annual wellness visit");
        var withWellnessVisit = claim().line("G0439").date("2025-03-03").line("99214").mod("25").date("2025-03-03")
                .line("G2211").date("2025-03-03").build();
        assertThat(RuleTesting.run(rule, withWellnessVisit)).isEmpty();
    }

    @Test
    void from2025AMinorProcedureThatDayStillMakesG2211Unpayable() {
        var claim = claim().diagnoses("L40.0", "D48.5").line("G0439").date("2025-03-03").line("99214").mod("25")
                .date("2025-03-03").line("G2211").date("2025-03-03").line("11102").dx(2).date("2025-03-03").build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "G2211-WITH-25", IssueSeverity.ERROR, "Claim.item[2].productOrService");
        assertThat(findings.get(0).message()).contains("11102 (line 4)", "not only for the wellness visit");
        // pathology (XXX) beside the wellness visit is no procedure with a global period: still payable
        var withPathology = claim().line("G0439").date("2025-03-03").line("99214").mod("25").date("2025-03-03")
                .line("G2211").date("2025-03-03").line("88305").date("2025-03-03").build();
        assertThat(RuleTesting.run(rule, withPathology)).isEmpty();
    }

    @Test
    void aHomeVisitWith25CountsFrom2026WhenItIsAPrimaryOfG2211() {
        // 99348 is not hosted; NCCI AOC 2026 Q2 lists it as a primary of G2211
        var in2026 = claim().diagnoses("L40.0", "D48.5").line("99348").mod("25").pos("12").date("2026-06-01")
                .line("G2211").pos("12").date("2026-06-01").line("11102").dx(2).pos("12").date("2026-06-01").build();
        var findings = RuleTesting.run(rule, in2026);
        RuleTesting.assertSingle(findings, "G2211-WITH-25", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("99348-25 (line 1)");
        var in2025 = claim().diagnoses("L40.0", "D48.5").line("99348").mod("25").pos("12").date("2025-06-02")
                .line("G2211").pos("12").date("2025-06-02").line("11102").dx(2).pos("12").date("2025-06-02").build();
        assertThat(RuleTesting.run(rule, in2025)).isEmpty();
    }

    @Test
    void theWellnessVisitExceptionDoesNotApplyIn2024() {
        var claim = claim().line("G0439").line("99214").mod("25").line("G2211").build();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim), "G2211-WITH-25", IssueSeverity.ERROR,
                "Claim.item[2].productOrService");
    }

    @Test
    void silentWithout25OrForAnotherProvider() {
        assertThat(RuleTesting.run(rule, claim().line("99214").line("G2211").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().careTeam(2, "Practitioner/dr-b").line("99214").mod("25")
                .careTeamSequence(2).line("G2211").build())).isEmpty();
    }
}
