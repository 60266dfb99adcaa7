package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class AddOnNoPrimaryRuleTest {

    private final AddOnNoPrimaryRule rule = new AddOnNoPrimaryRule();

    @Test
    void firesOnAddOnWithoutPrimary() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11105").build());
        RuleTesting.assertSingle(findings, "ADDON-NO-PRIMARY", IssueSeverity.ERROR, "Claim.item[1].productOrService");
        assertThat(findings.get(0).message()).contains("Line 2", "11105", "11104", "11106", "2024-05-06");
    }

    @Test
    void firesWhenPrimaryIsOnAnotherDay() {
        var findings = RuleTesting.run(rule, claim().line("17000").line("17003").date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "ADDON-NO-PRIMARY", IssueSeverity.ERROR, "Claim.item[1].productOrService");
    }

    @Test
    void firesWhenOnlyANonEligiblePrimaryIsBilled() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11105").build());
        RuleTesting.assertSingle(findings, "ADDON-NO-PRIMARY", IssueSeverity.ERROR, "Claim.item[1].productOrService");
    }

    @Test
    void silentWithPrimaryWhateverTheOrder() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11103").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17312").line("17311").build())).isEmpty();
    }

    @Test
    void g2211IsAnAddOnToTheOfficeVisitsByItsDescriptorWhateverTheNcciFile() {
        // the 2024 Q3 add-on file has no G2211 row; its descriptor names 99202-99215
        var findings = RuleTesting.run(rule, claim().line("G2211").build());
        RuleTesting.assertSingle(findings, "ADDON-NO-PRIMARY", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("G2211", "99202", "99215", "by its descriptor");
        assertThat(RuleTesting.run(rule, claim().line("99213").line("G2211").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("96910").line("G2211").build())).hasSize(1);
    }

    @Test
    void silentForUndatedAddOn() {
        assertThat(RuleTesting.run(rule, claim().line("11103").noDate().build())).isEmpty();
    }

    @Test
    void usesTheAddOnEditsInForceOnTheDate() {
        // G2211: the 2026 Q2 edits list the visits (and the home visits) as well as its descriptor
        var findings = RuleTesting.run(rule, claim().line("G2211").date("2026-05-04").build());
        RuleTesting.assertSingle(findings, "ADDON-NO-PRIMARY", IssueSeverity.ERROR, "Claim.item[0].productOrService");
        assertThat(findings.get(0).message()).contains("99213", "NCCI add-on 2026 Q2 edits");
        assertThat(RuleTesting.run(rule, claim().line("99213").date("2026-05-04").line("G2211").date("2026-05-04")
                .build())).isEmpty();
    }
}
