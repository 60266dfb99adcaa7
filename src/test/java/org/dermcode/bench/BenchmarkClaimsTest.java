package org.dermcode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dermcode.TestTerminology;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.Test;

/** The benchmark claims are what their names say, so the benchmark figures mean something. */
class BenchmarkClaimsTest {

    private final RuleEngine engine = new RuleEngine(RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS),
            TestTerminology.CATALOG);

    private List<String> findings(Claim claim) {
        return engine.run(TestTerminology.VIEWS.create(claim)).stream().map(Finding::ruleId).toList();
    }

    @Test
    void cleanClaimHasTenLinesAndNoFindings() {
        assertThat(BenchmarkClaims.clean10().getItem()).hasSize(10);
        assertThat(findings(BenchmarkClaims.clean10())).isEmpty();
        assertThat(TestTerminology.profileValidator().validate(BenchmarkClaims.clean10())).isEmpty();
    }

    @Test
    void faultyClaimHasTheCommonMistakes() {
        assertThat(BenchmarkClaims.faulty10().getItem()).hasSize(10);
        assertThat(findings(BenchmarkClaims.faulty10())).contains("MOD-25-MISSING", "PTP-BUNDLED", "UNITS-MUE",
                "SEQ-ADDON-ORDER", "MOD-PCTC");
    }

    @Test
    void fiftyLineClaimIsClean() {
        assertThat(BenchmarkClaims.fifty().getItem()).hasSize(50);
        assertThat(findings(BenchmarkClaims.fifty())).isEmpty();
        assertThat(TestTerminology.profileValidator().validate(BenchmarkClaims.fifty())).isEmpty();
    }
}
