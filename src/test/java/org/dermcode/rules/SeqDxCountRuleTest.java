package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqDxCountRuleTest {

    private final SeqDxCountRule rule = new SeqDxCountRule();

    private static final String[] TWELVE = {"L57.0", "L82.0", "L82.1", "D22.5", "D23.5", "L72.0", "L72.11", "L72.12",
        "L72.2", "L72.3", "B07.8", "B08.1"};

    @Test
    void firesOnThirteenthDiagnosis() {
        var builder = claim().diagnoses(TWELVE).line("11102");
        builder.raw().addDiagnosis().setSequence(13).setDiagnosis(ClaimBuilder.icd("L40.0"));
        var findings = RuleTesting.run(rule, builder.build());
        RuleTesting.assertSingle(findings, "SEQ-DX-COUNT", IssueSeverity.ERROR, "Claim.diagnosis[12]");
        assertThat(findings.get(0).line()).isEqualTo(Finding.CLAIM_LEVEL);
        assertThat(findings.get(0).message()).contains("Diagnosis 13", "L40.0", "12");
    }

    @Test
    void firesOnRepeatedSequence() {
        var builder = claim().line("11102");
        builder.raw().addDiagnosis().setSequence(1).setDiagnosis(ClaimBuilder.icd("L82.0"));
        var findings = RuleTesting.run(rule, builder.build());
        RuleTesting.assertSingle(findings, "SEQ-DX-COUNT", IssueSeverity.ERROR, "Claim.diagnosis[1]");
        assertThat(findings.get(0).line()).isEqualTo(Finding.CLAIM_LEVEL);
        assertThat(findings.get(0).message()).contains("Diagnosis 2", "L82.0", "sequence 1");
    }

    @Test
    void silentForTwelveDistinctDiagnoses() {
        assertThat(RuleTesting.run(rule, claim().diagnoses(TWELVE).line("11102").build())).isEmpty();
    }
}
