package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** Runs one rule on a claim and asserts on what it found. */
final class RuleTesting {

    private RuleTesting() {}

    static List<Finding> run(ClaimRule rule, Claim claim) {
        Findings findings = new Findings(TestTerminology.CATALOG);
        rule.check(TestTerminology.VIEWS.create(claim), findings);
        return findings.list();
    }

    static void assertSingle(List<Finding> findings, String ruleId, IssueSeverity severity, String expression) {
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.ruleId()).isEqualTo(ruleId);
        assertThat(finding.severity()).isEqualTo(severity);
        assertThat(finding.expression()).isEqualTo(expression);
        assertThat(finding.message()).isNotBlank();
    }
}
