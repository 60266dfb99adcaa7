package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Test;

class Mod57MissingRuleTest {

    private final Mod57MissingRule rule = new Mod57MissingRule(TestTerminology.KNOWLEDGE);

    @Test
    void firesOnAVisitTheDayOfA090ProcedureWithout57() {
        // 14040 (adjacent tissue transfer, 090 global in the fee schedule)
        var findings = RuleTesting.run(rule, claim().diagnoses("C44.311").line("99214").line("14040").build());
        RuleTesting.assertSingle(findings, "MOD-57-MISSING", IssueSeverity.WARNING, "Claim.item[0]");
        assertThat(findings.get(0).message()).contains("Line 1", "99214", "the day of", "14040", "090", "57");
    }

    @Test
    void firesOnAVisitTheDayBefore() {
        var findings = RuleTesting.run(rule, claim().line("99203").date("2024-05-05").line("14060").build());
        RuleTesting.assertSingle(findings, "MOD-57-MISSING", IssueSeverity.WARNING, "Claim.item[0]");
        assertThat(findings.get(0).message()).contains("the day before");
    }

    @Test
    void silentWith57OrForMinorProceduresOrTwoDaysBefore() {
        assertThat(RuleTesting.run(rule, claim().line("99214").mod("57").line("14040").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("99214").line("11102").line("17110").build())).isEmpty();
        assertThat(RuleTesting.run(rule, claim().line("99214").date("2024-05-04").line("14040").build())).isEmpty();
    }
}
