package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;

class DateOutsidePeriodRuleTest {

    private final DateOutsidePeriodRule rule = new DateOutsidePeriodRule();

    @Test
    void firesOnDateAfterThePeriod() {
        var claim = claim().billablePeriod("2024-05-01", "2024-05-05").line("99213").date("2024-05-03").line("11102")
                .build();
        var findings = RuleTesting.run(rule, claim);
        RuleTesting.assertSingle(findings, "DATE-OUTSIDE-PERIOD", IssueSeverity.ERROR, "Claim.item[1].servicedDate");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "2024-05-06", "2024-05-05");
    }

    @Test
    void firesOnServicedPeriodBeforeTheStart() {
        var builder = claim().billablePeriod("2024-05-10", "2024-05-31").line("11102");
        builder.currentLine().setServiced(new Period().setStartElement(new DateTimeType("2024-05-06"))
                .setEndElement(new DateTimeType("2024-05-06")));
        var findings = RuleTesting.run(rule, builder.build());
        RuleTesting.assertSingle(findings, "DATE-OUTSIDE-PERIOD", IssueSeverity.ERROR, "Claim.item[0].servicedPeriod");
        assertThat(findings.get(0).message()).contains("2024-05-10");
    }

    @Test
    void firesWithOnlyOneBound() {
        var builder = claim().line("11102");
        builder.raw().setBillablePeriod(new Period().setEndElement(new DateTimeType("2024-05-01")));
        RuleTesting.assertSingle(RuleTesting.run(rule, builder.build()), "DATE-OUTSIDE-PERIOD", IssueSeverity.ERROR,
                "Claim.item[0].servicedDate");
    }

    @Test
    void silentInsideThePeriod() {
        var claim = claim().billablePeriod("2024-05-06", "2024-05-06").line("11102").build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }

    @Test
    void silentWithoutBillablePeriod() {
        assertThat(RuleTesting.run(rule, claim().line("11102").date("2019-01-01").build())).isEmpty();
    }
}
