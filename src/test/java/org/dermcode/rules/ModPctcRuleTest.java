package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModPctcRuleTest {

    private final ModPctcRule rule = new ModPctcRule();

    @Test
    void fires26OnIncidentToCode() {
        var findings = RuleTesting.run(rule, claim().line("96900").mod("26").build());
        RuleTesting.assertSingle(findings, "MOD-PCTC", IssueSeverity.ERROR, "Claim.item[0].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 1", "96900", "26", "5");
    }

    @Test
    void firesTcOnSurgery() {
        var findings = RuleTesting.run(rule, claim().line("11102").mod("RT").mod("TC").build());
        RuleTesting.assertSingle(findings, "MOD-PCTC", IssueSeverity.ERROR, "Claim.item[0].modifier[1]");
        assertThat(findings.get(0).message()).contains("11102", "TC");
    }

    @Test
    void fires26AndTcTogetherOnACodeThatSplits() {
        var findings = RuleTesting.run(rule, claim().line("88305").mod("26").mod("TC").build());
        RuleTesting.assertSingle(findings, "MOD-PCTC", IssueSeverity.ERROR, "Claim.item[0].modifier[1]");
        assertThat(findings.get(0).message()).contains("88305", "both 26 and TC", "global");
    }

    @Test
    void silentForOneComponentRepeated() {
        assertThat(RuleTesting.run(rule, claim().line("88305").mod("26").mod("26").build())).isEmpty();
    }

    @Test
    void silentOnPathologyAndUnhostedCode() {
        assertThat(RuleTesting.run(rule, claim().line("88305").mod("26").line("88342").mod("TC").line("88300").mod("26")
                .build())).isEmpty();
    }
}
