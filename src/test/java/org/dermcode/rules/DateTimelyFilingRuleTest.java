package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DateTimelyFilingRuleTest {

    private final DateTimelyFilingRule rule = new DateTimelyFilingRule(RuleSettings.MEDICARE);

    @Test
    void firesWhenCreatedMoreThan12MonthsAfterTheLineDate() {
        var findings = RuleTesting.run(rule, claim().created("2025-05-07").line("99213").date("2025-01-10")
                .line("11102").build());
        RuleTesting.assertSingle(findings, "DATE-TIMELY-FILING", IssueSeverity.WARNING, "Claim.item[1].servicedDate");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "2024-05-06", "2025-05-07", "12 months",
                "424.44");
    }

    @Test
    void silentOnTheLastDayOfTheLimit() {
        assertThat(RuleTesting.run(rule, claim().created("2025-05-06").line("11102").build())).isEmpty();
    }

    @Test
    void theLimitIsASetting() {
        var claim = claim().created("2024-09-01").line("11102").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
        var findings = RuleTesting.run(new DateTimelyFilingRule(new RuleSettings(3)), claim);
        RuleTesting.assertSingle(findings, "DATE-TIMELY-FILING", IssueSeverity.WARNING, "Claim.item[0].servicedDate");
        assertThat(findings.get(0).message()).contains("more than 3 months");
    }

    @Test
    void aLineDatedByTheBillablePeriodPointsThere() {
        var claim = claim().created("2026-01-01").billablePeriod("2024-05-06", "2024-05-06").line("11102").noDate()
                .build();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim), "DATE-TIMELY-FILING", IssueSeverity.WARNING,
                "Claim.billablePeriod");
    }

    @Test
    void silentOnAPreauthorizationAndWithoutCreated() {
        assertThat(RuleTesting.run(rule, claim().use(Claim.Use.PREAUTHORIZATION).created("2026-01-01").line("11102")
                .build())).isEmpty();
        var builder = claim().line("11102");
        builder.raw().setCreatedElement(null);
        assertThat(RuleTesting.run(rule, builder.build())).isEmpty();
    }
}
