package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class PtpBypassWeakRuleTest {

    private final PtpBypassWeakRule rule = new PtpBypassWeakRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnTheSameAnatomicModifierOnBothLines() {
        var findings = RuleTesting.run(rule, claim().line("17110").mod("RT").line("11102").mod("RT").build());
        RuleTesting.assertSingle(findings, "PTP-BYPASS-WEAK", IssueSeverity.WARNING, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "17110", "same anatomic modifier", "XS");
    }

    @Test
    void firesOnAnAnatomicModifierOnOneLineOnly() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11102").mod("F1").build());
        RuleTesting.assertSingle(findings, "PTP-BYPASS-WEAK", IssueSeverity.WARNING, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("one of the two lines only");
    }

    @Test
    void silentForDifferentAnatomicModifiersOr59OrXOrNoBypass() {
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("RT").line("11102").mod("LT").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("RT").line("11102").mod("RT").mod("XS").build()))
                .isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("59").line("11102").mod("RT").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").line("11102").build())).isEmpty();
    }

    @Test
    void silentOnIndicator0PairsWhichPtpBundledReports() {
        assertThat(RuleTesting.run(rule, claim().line("17004").mod("RT").line("17000").mod("RT").build())).isEmpty();
    }

    @Test
    void aVisitMissing25IsLeftToMod25Missing() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").mod("RT").build())).isEmpty();
    }
}
