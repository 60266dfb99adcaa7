package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PosTelehealthProcedureRuleTest {

    private final PosTelehealthProcedureRule rule = new PosTelehealthProcedureRule();

    @Test
    void firesOnABiopsyAtATelehealthPlaceOfService() {
        var findings = RuleTesting.run(rule, claim().line("99213").pos("10").line("11102").pos("10").build());
        RuleTesting.assertSingle(findings, "POS-TELEHEALTH-PROCEDURE", IssueSeverity.ERROR,
                "Claim.item[1].locationCodeableConcept");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "10", "telehealth");
    }

    @Test
    void firesAtPos02Too() {
        RuleTesting.assertSingle(RuleTesting.run(rule, claim().line("17000").pos("02").build()),
                "POS-TELEHEALTH-PROCEDURE", IssueSeverity.ERROR, "Claim.item[0].locationCodeableConcept");
    }

    @Test
    void silentForVisitsDrugsG2211AndOfficeProcedures() {
        assertThat(RuleTesting.run(rule, claim().line("99213").pos("02").line("G2211").pos("02").line("J7308").pos("10")
                .line("11102").build())).isEmpty();
    }
}
