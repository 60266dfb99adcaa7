package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DxSystemRuleTest {

    private final DxSystemRule rule = new DxSystemRule();

    @Test
    void firesOnWhoIcd10() {
        var builder = claim().line("11102");
        builder.raw().addDiagnosis().setSequence(2)
                .setDiagnosis(new CodeableConcept(new Coding(SystemUrls.ICD10_WHO, "L57.0", null)));
        var findings = RuleTesting.run(rule, builder.build());
        RuleTesting.assertSingle(findings, "DX-SYSTEM", IssueSeverity.ERROR, "Claim.diagnosis[1]");
        assertThat(findings.get(0).line()).isEqualTo(Finding.CLAIM_LEVEL);
        assertThat(findings.get(0).message()).contains("Diagnosis 2", "L57.0", "WHO ICD-10", "ICD-10-CM");
    }

    @Test
    void silentForIcd10Cm() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L57.0", "l820").line("11102").build())).isEmpty();
    }

    @Test
    void silentForDiagnosisReference() {
        var builder = claim().line("11102");
        builder.raw().addDiagnosis().setSequence(2).setDiagnosis(new Reference("Condition/c1"));
        assertThat(RuleTesting.run(rule, builder.build())).isEmpty();
    }
}
