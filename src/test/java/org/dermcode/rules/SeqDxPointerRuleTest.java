package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqDxPointerRuleTest {

    private final SeqDxPointerRule rule = new SeqDxPointerRule();

    @Test
    void firesOnPointerToMissingDiagnosis() {
        var findings = RuleTesting.run(rule, claim().line("11102").dx(1, 3).build());
        RuleTesting.assertSingle(findings, "SEQ-DX-POINTER", IssueSeverity.ERROR, "Claim.item[0].diagnosisSequence[1]");
        assertThat(findings.get(0).message()).contains("Line 1", "11102", "diagnosis 3");
    }

    @Test
    void firesOnFifthPointer() {
        var claim = claim().diagnoses("L57.0", "L82.0", "D22.5", "D23.5", "L72.0").line("11102").dx(1, 2, 3, 4, 5)
                .build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "SEQ-DX-POINTER", IssueSeverity.ERROR, "Claim.item[0].diagnosisSequence[4]");
        assertThat(findings.get(0).message()).contains("Line 1", "4 pointers");
    }

    @Test
    void fifthPointerToMissingDiagnosisIsOneFinding() {
        var claim = claim().diagnoses("L57.0", "L82.0", "D22.5", "D23.5").line("11102").dx(1, 2, 3, 4, 9).build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "SEQ-DX-POINTER", IssueSeverity.ERROR, "Claim.item[0].diagnosisSequence[4]");
        assertThat(findings.get(0).message()).contains("diagnosis 9", "4 pointers");
    }

    @Test
    void silentForValidPointers() {
        var claim = claim().diagnoses("L57.0", "L82.0", "D22.5", "D23.5").line("11102").dx(1, 2, 3, 4).build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
