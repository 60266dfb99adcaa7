package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PosPathTcFacilityRuleTest {

    private final PosPathTcFacilityRule rule = new PosPathTcFacilityRule();

    @Test
    void firesOnGlobalPathologyForAHospitalPatient() {
        var findings = RuleTesting.run(rule, claim().line("88305").pos("22").build());
        RuleTesting.assertSingle(findings, "POS-PATH-TC-FACILITY", IssueSeverity.WARNING,
                "Claim.item[0].locationCodeableConcept");
        assertThat(findings.get(0).message()).contains("88305", "globally", "22", "26");
    }

    @Test
    void firesOnTheTechnicalComponentForAnInpatient() {
        var findings = RuleTesting.run(rule, claim().line("88342").mod("TC").pos("21").build());
        RuleTesting.assertSingle(findings, "POS-PATH-TC-FACILITY", IssueSeverity.WARNING,
                "Claim.item[0].locationCodeableConcept");
        assertThat(findings.get(0).message()).contains("TC");
    }

    @Test
    void silentWith26OrOutsideTheHospital() {
        assertThat(RuleTesting.run(rule, claim().line("88305").mod("26").pos("22").line("88305").pos("11")
                .line("88305").pos("81").line("11102").pos("22").build())).isEmpty();
    }
}
