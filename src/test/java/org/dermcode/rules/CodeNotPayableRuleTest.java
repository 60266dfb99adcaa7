package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class CodeNotPayableRuleTest {

    private final CodeNotPayableRule rule = new CodeNotPayableRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnThePostOperativeVisitCodeStatusB() {
        var findings = RuleTesting.run(rule, claim().diagnoses("B07.8").line("17110").line("99024").date("2024-05-13")
                .build());
        RuleTesting.assertSingle(findings, "CODE-NOT-PAYABLE", IssueSeverity.WARNING, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "99024", "status B", "bundled", "CY2024");
    }

    @Test
    void namesTheFeeScheduleOfTheDateOfService() {
        var findings = RuleTesting.run(rule, claim().line("99024").date("2026-03-02").build());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).message()).contains("CY2026");
    }

    @Test
    void silentOnActiveCodesDrugsAndCodesOutsideTheFeeSchedule() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("96567").line("J7308").line("11200")
                .line("99999").build())).isEmpty();
    }
}
