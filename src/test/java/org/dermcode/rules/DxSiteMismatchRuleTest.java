package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DxSiteMismatchRuleTest {

    private final DxSiteMismatchRule rule = new DxSiteMismatchRule(TestTerminology.KNOWLEDGE);

    @Nested
    class Fires {

        @Test
        void trunkMohsForABasalCellCarcinomaOfTheNose() {
            var findings = RuleTesting.run(rule, claim().diagnoses("C44.311").line("17313").build());
            RuleTesting.assertSingle(findings, "DX-SITE-MISMATCH", IssueSeverity.WARNING,
                    "Claim.item[0].diagnosisSequence[0]");
            assertThat(findings.get(0).message()).contains("Line 1", "17313", "trunk arms legs", "C44.311 (face)");
        }

        @Test
        void trunkMalignantExcisionForAFacialCarcinoma() {
            var claim = claim().diagnoses("L57.0", "C44.319").line("99213").dx(1).line("11603").dx(2).build();
            var findings = RuleTesting.run(rule, claim);
            RuleTesting.assertSingle(findings, "DX-SITE-MISMATCH", IssueSeverity.WARNING,
                    "Claim.item[1].diagnosisSequence[0]");
            assertThat(findings.get(0).message()).contains("Line 2", "11603", "C44.319");
        }

        @Test
        void trunkBenignExcisionForAFacialNevus() {
            var findings = RuleTesting.run(rule, claim().diagnoses("D22.39").line("11403").build());
            RuleTesting.assertSingle(findings, "DX-SITE-MISMATCH", IssueSeverity.WARNING,
                    "Claim.item[0].diagnosisSequence[0]");
        }

        @Test
        void whenEveryPointedDiagnosisIsElsewhere() {
            var claim = claim().diagnoses("C44.311", "D22.4").line("11603").dx(1, 2).build();
            var findings = RuleTesting.run(rule, claim);
            RuleTesting.assertSingle(findings, "DX-SITE-MISMATCH", IssueSeverity.WARNING,
                    "Claim.item[0].diagnosisSequence[0]");
            assertThat(findings.get(0).message()).contains("C44.311 (face)", "D22.4 (scalp-neck)");
        }
    }

    @Nested
    class Silent {

        @Test
        void diagnosisWithoutASite() {
            assertThat(RuleTesting.run(rule, claim().diagnoses("D48.5").line("17313").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("L57.0").line("11403").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.81").line("11603").build())).isEmpty();
        }

        @Test
        void matchingSite() {
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.311").line("17311").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.519").line("17313").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("D22.39").line("11443").build())).isEmpty();
        }

        @Test
        void handsAndFeetAreLimbs() {
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.612").line("17311").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("D22.72").line("11423").build())).isEmpty();
        }

        @Test
        void oneOfTwoPointedDiagnosesMatching() {
            var claim = claim().diagnoses("C44.311", "C44.519").line("17313").dx(1, 2).build();
            assertThat(RuleTesting.run(rule, claim)).isEmpty();
        }

        @Test
        void codesWithoutASiteGroupOrPointers() {
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.311").line("11102").build())).isEmpty();
            assertThat(RuleTesting.run(rule, claim().diagnoses("C44.311").line("17313").dx().build())).isEmpty();
        }
    }
}
