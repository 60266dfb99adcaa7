package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqDxMissingRuleTest {

    private final SeqDxMissingRule rule = new SeqDxMissingRule();

    @Test
    void firesOnLineWithoutPointer() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").dx().build());
        RuleTesting.assertSingle(findings, "SEQ-DX-MISSING", IssueSeverity.ERROR, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "diagnosisSequence");
    }

    @Test
    void silentWithPointer() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").build())).isEmpty();
    }
}
