package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DxProcedureMismatchRuleTest {

    private final DxProcedureMismatchRule rule = new DxProcedureMismatchRule(TestTerminology.FACTS);

    @Test
    void firesOnPhototherapyForVitiligo() {
        var findings = RuleTesting.run(rule, claim().diagnoses("L80").line("96920").build());
        RuleTesting.assertSingle(findings, "DX-PROCEDURE-MISMATCH", IssueSeverity.WARNING,
                "Claim.item[0].diagnosisSequence");
        assertThat(findings.get(0).message()).contains("Line 1", "96920", "L80", "psoriasis");
    }

    @Test
    void firesWhenNoPointerIsInAnExpectedFamily() {
        var claim = claim().diagnoses("L82.1", "L80").line("99213").line("17000").dx(1, 2).build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "DX-PROCEDURE-MISMATCH", IssueSeverity.WARNING,
                "Claim.item[1].diagnosisSequence");
        assertThat(findings.get(0).message()).contains("Line 2", "17000", "L82.1", "L80", "actinic keratosis");
    }

    @Test
    void silentWithAnExpectedDiagnosis() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L40.0").line("96920").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().diagnoses("L80", "L40.0").line("96920").dx(1, 2).build())).isEmpty();
    }

    @Test
    void silentForCodesWithoutExpectations() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L80").line("99213").line("88305").build())).isEmpty();
    }

    @Test
    void silentWhenAPointerLeadsToAnUnknownOrNonIcd10CmDiagnosis() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L80", "Q99.9").line("96920").dx(1, 2).build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().diagnoses("L80").line("96920").dx(1, 7).build())).isEmpty();
        var builder = claim().line("96920");
        builder.raw().getDiagnosisFirstRep()
                .setDiagnosis(new CodeableConcept(new Coding(SystemUrls.ICD10_WHO, "L80", null)));
        assertThat(RuleTesting.run(rule, builder.build())).isEmpty();
    }

    @Test
    void silentWithoutPointers() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L80").line("96920").dx().build())).isEmpty();
    }
}
