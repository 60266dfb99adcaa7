package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DrugWithoutProcedureRuleTest {

    private final DrugWithoutProcedureRule rule = new DrugWithoutProcedureRule();

    @Test
    void firesOnDrugWithoutItsProcedure() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("J7308").build());
        RuleTesting.assertSingle(findings, "DRUG-WITHOUT-PROCEDURE", IssueSeverity.WARNING,
                "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "J7308", "96567", "96573", "96574",
                "2024-05-06");
    }

    @Test
    void firesWhenProcedureIsOnAnotherDay() {
        var findings = RuleTesting.run(rule, claim().line("96567").line("J7308").date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "DRUG-WITHOUT-PROCEDURE", IssueSeverity.WARNING,
                "Claim.item[1].productOrService");
    }

    @Test
    void silentWithTheProcedure() {
        assertThat(RuleTesting.run(rule, claim().line("J7308").line("96567").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("96573").line("J7308").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("96574").line("J7308").build())).isEmpty();
    }

    @Test
    void silentForUndatedDrug() {
        assertThat(RuleTesting.run(rule, claim().line("J7308").noDate().build())).isEmpty();
    }
}
