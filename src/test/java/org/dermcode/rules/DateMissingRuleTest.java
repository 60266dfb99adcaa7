package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DateMissingRuleTest {

    private final DateMissingRule rule = new DateMissingRule();

    @Test
    void firesOnLineWithoutDate() {
        var findings = RuleTesting.run(rule, claim().line("99213").line("11102").noDate().build());
        RuleTesting.assertSingle(findings, "DATE-MISSING", IssueSeverity.ERROR, "Claim.item[1]");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "servicedDate");
    }

    @Test
    void firesWhenBillablePeriodSpansSeveralDays() {
        var claim = claim().billablePeriod("2024-05-01", "2024-05-31").line("11102").noDate().build();
        RuleTesting.assertSingle(RuleTesting.run(rule, claim), "DATE-MISSING", IssueSeverity.ERROR, "Claim.item[0]");
    }

    @Test
    void silentWhenLineIsDated() {
        assertThat(RuleTesting.run(rule, claim().line("11102").build())).isEmpty();
    }

    @Test
    void silentWhenBillablePeriodIsOneDay() {
        var claim = claim().billablePeriod("2024-05-06", "2024-05-06").line("11102").noDate().build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
