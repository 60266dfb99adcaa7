package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.junit.jupiter.api.Test;

/**
 * Inputs found by the Jazzer fuzz tests (mvn -Pfuzz, see docs/reliability.md) that crashed a rule,
 * pinned so they stay fixed.
 */
class FuzzFindingsRegressionTest {

    /** A same-day line without a code next to an add-on or a drug: List.contains(null) threw NPE (500). */
    private static Claim withCodelessLine(String first) {
        ClaimBuilder builder = claim().line(first).line("11102");
        builder.currentLine().setProductOrService(new CodeableConcept());
        return builder.build();
    }

    @Test
    void addOnNextToCodelessLine() {
        Claim claim = withCodelessLine("11103");
        assertThatCode(() -> RuleTesting.run(new SeqAddOnOrderRule(), claim)).doesNotThrowAnyException();
        assertThatCode(() -> RuleTesting.run(new AddOnNoPrimaryRule(), claim)).doesNotThrowAnyException();
    }

    @Test
    void drugNextToCodelessLine() {
        Claim claim = withCodelessLine("J7308");
        assertThatCode(() -> RuleTesting.run(new DrugWithoutProcedureRule(), claim)).doesNotThrowAnyException();
    }
}
