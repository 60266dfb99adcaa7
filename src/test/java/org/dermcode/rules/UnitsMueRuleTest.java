package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class UnitsMueRuleTest {

    private final UnitsMueRule rule = new UnitsMueRule(TestTerminology.FACTS);

    @Test
    void mai2IsAnError() {
        var findings = RuleTesting.run(rule, claim().line("17000").line("17003").units(14).build());
        RuleTesting.assertSingle(findings, "UNITS-MUE", IssueSeverity.ERROR, "Claim.item[1].quantity");
        assertThat(findings.get(0).message()).contains("Line 2", "17003", "14 units", "13", "MAI 2", "policy",
                "2024-05-06", "bill 17004, ", "15 or more");
    }

    @Test
    void namesNoLargerCodeWhereTheCodeSetHasNone() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11103").units(7).build());
        RuleTesting.assertSingle(findings, "UNITS-MUE", IssueSeverity.WARNING, "Claim.item[1].quantity");
        assertThat(findings.get(0).message()).doesNotContain(" bill ");
    }

    @Test
    void mai3IsAWarningReportedWhereTheSumFirstExceeds() {
        var claim = claim().line("11102").line("11103").units(4).line("11103").units(3).line("11103").units(1).build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "UNITS-MUE", IssueSeverity.WARNING, "Claim.item[2].quantity");
        assertThat(findings.get(0).message()).contains("Line 3", "11103", "7 units", "6", "MAI 3", "appeal");
    }

    @Test
    void quantityDefaultsToOne() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11102").build());
        RuleTesting.assertSingle(findings, "UNITS-MUE", IssueSeverity.ERROR, "Claim.item[1].quantity");
    }

    @Test
    void silentAtTheMue() {
        assertThat(RuleTesting.run(rule, claim().line("17000").line("17003").units(13).build())).isEmpty();
    }

    @Test
    void silentWhenUnitsAreOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11102").date("2024-05-07").build())).isEmpty();
    }

    @Test
    void namesTheMueRelease() {
        var in2024 = RuleTesting.run(rule, claim().line("11102").units(2).build());
        RuleTesting.assertSingle(in2024, "UNITS-MUE", IssueSeverity.ERROR, "Claim.item[0].quantity");
        assertThat(in2024.get(0).message()).contains("NCCI MUE 2024 Q3");
        var in2026 = RuleTesting.run(rule, claim().line("11102").date("2026-05-04").units(2).build());
        RuleTesting.assertSingle(in2026, "UNITS-MUE", IssueSeverity.ERROR, "Claim.item[0].quantity");
        assertThat(in2026.get(0).message()).contains("NCCI MUE 2026 Q2");
    }
}
