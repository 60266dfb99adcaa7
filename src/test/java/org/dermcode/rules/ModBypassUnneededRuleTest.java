package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class ModBypassUnneededRuleTest {

    private final ModBypassUnneededRule rule = new ModBypassUnneededRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnXsWithoutPartner() {
        var findings = RuleTesting.run(rule, claim().line("17311").line("17313").mod("XS").build());
        RuleTesting.assertSingle(findings, "MOD-BYPASS-UNNEEDED", IssueSeverity.WARNING, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("Line 2", "17313", "XS");
    }

    @Test
    void firesWhenThePartnerIsOnAnotherDay() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11102").mod("59").date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "MOD-BYPASS-UNNEEDED", IssueSeverity.WARNING, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("11102", "59");
    }

    @Test
    void silentWithPartnerInEitherDirection() {
        assertThat(RuleTesting.run(rule, claim().line("17110").line("11102").mod("XS").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").mod("59").line("11102").build())).isEmpty();
    }

    @Test
    void aVisitIsNoPartnerXsOnDestructionNextToA25Visit() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("25").line("17000").mod("XS").build());
        RuleTesting.assertSingle(findings, "MOD-BYPASS-UNNEEDED", IssueSeverity.WARNING, "Claim.item[1].modifier[0]");
        assertThat(findings.get(0).message()).contains("17000", "XS", "25");
    }

    @Test
    void firesOnXsOnABiopsyAddOnNextToItsPrimaryAndAVisit() {
        var findings = RuleTesting.run(rule, claim().line("99213").mod("25").line("11102").line("11103").mod("XS")
                .build());
        RuleTesting.assertSingle(findings, "MOD-BYPASS-UNNEEDED", IssueSeverity.WARNING, "Claim.item[2].modifier[0]");
    }

    @Test
    void silentOnAVisitCarrying59WhichIsModNotOnEms() {
        assertThat(RuleTesting.run(rule, claim().line("99213").mod("59").line("11102").build())).isEmpty();
    }

    @Test
    void silentForOtherModifiers() {
        assertThat(RuleTesting.run(rule, claim().line("17311").mod("RT").line("17313").mod("51").build())).isEmpty();
    }
}
