package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class CodeInactiveRuleTest {

    private final CodeInactiveRule rule = new CodeInactiveRule();

    @Test
    void firesOnDeletedCode() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("99201").mod("25").build());
        RuleTesting.assertSingle(findings, "CODE-INACTIVE", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "99201", "2021-01-01", "2024-05-06");
    }

    @Test
    void firesOnRetirementDateItself() {
        var findings = RuleTesting.run(rule, claim().created("2019-02-01").line("11100").date("2019-01-01").build());
        RuleTesting.assertSingle(findings, "CODE-INACTIVE", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("11100", "2019-01-01");
    }

    @Test
    void firesBeforeEffectiveDate() {
        var findings = RuleTesting.run(rule, claim().line("11102").date("2018-12-31").build());
        RuleTesting.assertSingle(findings, "CODE-INACTIVE", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("11102", "2019-01-01", "2018-12-31");
    }

    @Test
    void silentWhileTheCodeWasActive() {
        assertThat(RuleTesting.run(rule, claim().line("99201").date("2020-12-31").line("11102").build())).isEmpty();
    }

    @Test
    void silentWithoutLineDate() {
        assertThat(RuleTesting.run(rule, claim().line("99201").noDate().build())).isEmpty();
    }
}
