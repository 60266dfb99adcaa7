package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModPostopRuleTest {

    private final ModPostopRule rule = new ModPostopRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnVisitInPostopWindowWithout24() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("99213").date("2024-05-16").build());
        RuleTesting.assertSingle(findings, "MOD-POSTOP", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "99213", "17110", "2024-05-16", "24");
    }

    @Test
    void firesOnceOnProcedureInTwoWindows() {
        var claim = claim().line("17110").line("11403").date("2024-05-07").line("11102").date("2024-05-10").build();
        var findings = RuleTesting.run(rule, claim);
        assertThat(findings).extracting(Finding::expression).containsExactly("Claim.item[1]", "Claim.item[2]");
        assertThat(findings.get(1).message()).contains("11102", "79");
    }

    @Test
    void silentWithModifiersOrOutsideWindowOrAddOn() {
        var claim = claim().line("17000").line("99213").mod("24").date("2024-05-08").line("11102").mod("79")
                .date("2024-05-09").line("17003").date("2024-05-09").line("99213").date("2024-05-17")
                .line("99213").date("2024-05-06").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void servicesOutsideTheSurgicalPackageTakeNo79() {
        var claim = claim().diagnoses("B07.8", "L40.0", "L57.0").line("17110").line("88305").date("2024-05-09")
                .line("96910").dx(2).date("2024-05-10").line("96567").dx(3).date("2024-05-11").line("J7308").dx(3)
                .date("2024-05-11").line("99213").mod("24").dx(2).date("2024-05-12").line("G2211").dx(2)
                .date("2024-05-12").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void aCodeTheServerDoesNotHostMayHaveAGlobalOfItsOwn() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11200").date("2024-05-09").build());
        RuleTesting.assertSingle(findings, "MOD-POSTOP", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("11200", "10-day", "79");
    }

    @Test
    void anUnhostedCodeTheFeeScheduleGivesNoGlobalTakesNo79() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("99024").date("2024-05-13").build())).isEmpty();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim().line("17110").line("15999").date("2024-05-13").build()),
                "MOD-POSTOP", IssueSeverity.WARNING, "Claim.item[1]");
    }

    @Test
    void theWindowOfA090ProcedureIsItsNinetyDaysAfter() {
        var findings = RuleTesting.run(rule, claim().diagnoses("C44.311", "L40.0").line("14040").line("99213").dx(2)
                .date("2024-07-20").line("99213").dx(2).date("2024-08-10").build());
        RuleTesting.assertSingle(findings, "MOD-POSTOP", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("90-day", "14040", "090 global");
    }

    @Test
    void aMinorProcedureHasNoPreOperativeDay() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("99213").date("2024-05-05").build())).isEmpty();
    }

    @Test
    void silentAfter000GlobalOrOtherProvider() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("99213").date("2024-05-08").build())).isEmpty();
        var claim = claim().careTeam(2, "Practitioner/dr-b").line("17110").line("99213").date("2024-05-08")
                .careTeamSequence(2).build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
