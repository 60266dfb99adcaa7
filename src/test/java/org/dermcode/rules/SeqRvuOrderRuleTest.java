package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class SeqRvuOrderRuleTest {

    private final SeqRvuOrderRule rule = new SeqRvuOrderRule();

    @Test
    void firesOnHigherValuedPrimaryListedLater() {
        var findings = RuleTesting.run(rule, claim().line("11102").line("11106").build());
        RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11106", "4.67", "11102", "line 1", "3.02");
    }

    @Test
    void ranksOfficeLinesWithNonFacilityRvus() {
        var findings = RuleTesting.run(rule, claim().line("17110").line("11104").build());
        RuleTesting.assertSingle(findings, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
    }

    @Test
    void ranksFacilityLinesWithFacilityRvus() {
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").line("11104").pos("22").build())).isEmpty();
    }

    @Test
    void ranksByCmsFacilityListNotOffice() {
        // 17110 then 11104: non-facility 3.43 < 3.76 fires; facility totals 17110 > 11104 stay silent
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("49").line("11104").pos("49").build())).hasSize(1);
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("24").line("11104").pos("24").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("10").line("11104").pos("10").build())).hasSize(1);
    }

    @Test
    void placeOfServiceSystemIsReadWithOrWithoutHtml() {
        String page = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").posSystem(page).line("11104").pos("22")
                .posSystem(page).build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("17110").pos("22").posSystem("http://example.org/other")
                .line("11104").pos("22").posSystem("http://example.org/other").build())).hasSize(1);
    }

    @Test
    void ranksOnlyCodesSubjectToTheMultipleProcedureReduction() {
        // 88305 (indicator 0) is worth more than 11102 but is not ranked; 96567 likewise
        assertThat(RuleTesting.run(rule, claim().line("11102").line("96567").line("88342").build())).isEmpty();
    }

    @Test
    void silentInDescendingOrder() {
        assertThat(RuleTesting.run(rule, claim().line("11106").line("11104").line("11102").build())).isEmpty();
    }

    @Test
    void ignoresAddOnsAndVisits() {
        assertThat(RuleTesting.run(rule, claim().line("99213").line("11102").line("17312").build())).isEmpty();
    }

    @Test
    void silentOnDifferentDays() {
        assertThat(RuleTesting.run(rule, claim().line("11102").line("11106").date("2024-05-07").build())).isEmpty();
    }

    @Test
    void ranksByTheFeeScheduleInForceOnTheDateOfService() {
        // 11403 / 96922 non-facility totals: 5.98 / 6.97 in CY2024, 5.98 / 5.27 in CY2026
        var in2024 = RuleTesting.run(rule, claim().line("11403").date("2024-06-03").line("96922").date("2024-06-03").build());
        RuleTesting.assertSingle(in2024, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(in2024.get(0).message()).contains("6.97", "5.98", "CY2024 fee schedule");
        assertThat(RuleTesting.run(rule, claim().line("11403").date("2026-06-01").line("96922").date("2026-06-01").build()))
                .isEmpty();
        var in2026 = RuleTesting.run(rule, claim().line("96922").date("2026-06-01").line("11403").date("2026-06-01").build());
        RuleTesting.assertSingle(in2026, "SEQ-RVU-ORDER", IssueSeverity.WARNING, "Claim.item[1]");
        assertThat(in2026.get(0).message()).contains("5.98", "5.27", "CY2026 fee schedule");
    }
}
