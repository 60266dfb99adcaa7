package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class DateFutureRuleTest {

    private final DateFutureRule rule = new DateFutureRule();

    @Test
    void firesOnDateAfterCreated() {
        var findings = RuleTesting.run(rule, claim().created("2024-05-06").line("99213").line("11102")
                .date("2024-05-07").build());
        RuleTesting.assertSingle(findings, "DATE-FUTURE", IssueSeverity.ERROR, "Claim.item[1].servicedDate");
        assertThat(findings.get(0).message()).contains("Line 2", "11102", "2024-05-07", "2024-05-06");
    }

    @Test
    void silentOnAPreauthorizationOrPredetermination() {
        for (Claim.Use use : new Claim.Use[] {Claim.Use.PREAUTHORIZATION, Claim.Use.PREDETERMINATION}) {
            assertThat(RuleTesting.run(rule, claim().use(use).created("2024-05-01").line("11102").build())).isEmpty();
        }
    }

    @Test
    void silentOnTheDayOfCreation() {
        assertThat(RuleTesting.run(rule, claim().created("2024-05-06").line("11102").build())).isEmpty();
    }

    @Test
    void silentWithoutCreated() {
        var builder = claim().line("11102").date("2030-01-01");
        builder.raw().setCreatedElement(null);
        assertThat(RuleTesting.run(rule, builder.build())).isEmpty();
    }

    @Test
    void silentForLineDatedOnlyByTheBillablePeriod() {
        var claim = claim().created("2024-05-01").billablePeriod("2024-05-06", "2024-05-06").line("11102").noDate()
                .build();
        assertThat(RuleTesting.run(rule, claim)).isEmpty();
    }
}
