package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class CodeSystemRuleTest {

    private final CodeSystemRule rule = new CodeSystemRule();

    @Test
    void firesWhenTheOnlyCodingIsNotCptOrHcpcs() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("http://snomed.info/sct", "232717009").build());
        RuleTesting.assertSingle(findings, "CODE-SYSTEM", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "232717009", "CPT");
    }

    @Test
    void silentForCptHcpcsAndCptUnderHttpHcpcs() {
        var claim = claim().line("11102").line("J7308")
                .line("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "99213").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentForUnhostedCptCode() {
        assertThat(RuleTesting.run(rule, claim().line("12345").build())).isEmpty();
    }
}
