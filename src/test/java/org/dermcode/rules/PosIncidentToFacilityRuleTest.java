package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PosIncidentToFacilityRuleTest {

    private final PosIncidentToFacilityRule rule = new PosIncidentToFacilityRule();

    @Test
    void firesOnAnIncidentToCodeInAHospitalOutpatientDepartment() {
        var findings = RuleTesting.run(rule, claim().line("96910").pos("22").build());
        RuleTesting.assertSingle(findings, "POS-INCIDENT-TO-FACILITY", IssueSeverity.WARNING,
                "Claim.item[0].locationCodeableConcept");
        assertThat(findings.get(0).message()).contains("96910", "PC/TC indicator 5", "22", "hospital");
    }

    @Test
    void firesOnADrugInTheHospital() {
        var findings = RuleTesting.run(rule, claim().line("96567").pos("19").line("J7308").pos("19").build());
        assertThat(findings).extracting(Finding::expression).containsExactly("Claim.item[0].locationCodeableConcept",
                "Claim.item[1].locationCodeableConcept");
        assertThat(findings.get(1).message()).contains("J7308", "drug");
    }

    @Test
    void silentInTheOfficeAnAscOrForOtherCodes() {
        assertThat(RuleTesting.run(rule, claim().line("96900").line("96567").pos("24").line("11102").pos("22").build()))
                .isEmpty();
    }
}
