package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class CodeNotInSubsetRuleTest {

    private final CodeNotInSubsetRule rule = new CodeNotInSubsetRule();

    @Test
    void firesOnWellFormedCodeTheServerDoesNotHost() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("96372").build());
        RuleTesting.assertSingle(findings, "CODE-NOT-IN-SUBSET", IssueSeverity.WARNING, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "96372", "not one", "skip");
    }

    @Test
    void firesOnMalformedCode() {
        var findings = RuleTesting.run(rule, claim().line("1110").build());
        RuleTesting.assertSingle(findings, "CODE-NOT-IN-SUBSET", IssueSeverity.WARNING, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("1110", "well-formed");
    }

    @Test
    void silentForHostedCodesIncludingRetiredOnesAndLowerCase() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("j7308").line("99201").build())).isEmpty();
    }

    @Test
    void silentWithoutCptOrHcpcsCoding() {
        assertThat(RuleTesting.run(rule, claim().line("http://snomed.info/sct", "232717009").build())).isEmpty();
    }
}
