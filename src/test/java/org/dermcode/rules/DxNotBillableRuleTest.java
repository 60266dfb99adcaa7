package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DxNotBillableRuleTest {

    private final DxNotBillableRule rule = new DxNotBillableRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnACategoryHeaderAndNamesTheCodesUnderIt() {
        var findings = RuleTesting.run(rule, claim().diagnoses("L57.0", "L40").line("99213").dx(2).build());
        RuleTesting.assertSingle(findings, "DX-NOT-BILLABLE", IssueSeverity.ERROR, "Claim.diagnosis[1]");
        assertThat(findings.get(0).message()).contains("Diagnosis 2", "L40", "L40.0", "L40.1", "more", "FY2024");
    }

    @Test
    void firesOnSubcategoriesTheCoderNamed() {
        var findings = RuleTesting.run(rule, claim().diagnoses("C44.31", "C44.112").line("17311").dx(1, 2).build());
        assertThat(findings).extracting(Finding::expression).containsExactly("Claim.diagnosis[0]", "Claim.diagnosis[1]");
        assertThat(findings.get(0).message()).contains("C44.310", "C44.311", "C44.319");
        assertThat(findings.get(1).message()).contains("C44.1121", "C44.1122");
    }

    @Test
    void firesOnASubcategoryHeaderWithOrWithoutTheDot() {
        var findings = RuleTesting.run(rule, claim().diagnoses("l405").line("99213").build());
        RuleTesting.assertSingle(findings, "DX-NOT-BILLABLE", IssueSeverity.ERROR, "Claim.diagnosis[0]");
        assertThat(findings.get(0).message()).contains("L40.5", "L40.50", "L40.51");
    }

    @Test
    void silentOnBillableOrUnknownCodes() {
        assertThat(RuleTesting.run(rule, claim().diagnoses("L40.0", "L40.50", "Z99.99").line("99213").build()))
                .isEmpty();
    }
}
