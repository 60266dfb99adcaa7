package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dermcode.TestTerminology;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pooled validators give the same answer every time and keep nothing of the claims they saw. */
class ProfileValidatorTest {

    private static ProfileValidator validator;
    private static RuleEngine engine;

    @BeforeAll
    static void build() {
        validator = TestTerminology.profileValidator();
        engine = new RuleEngine(RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS), TestTerminology.CATALOG);
    }

    private static List<Finding> rules(Claim claim) {
        return engine.run(TestTerminology.VIEWS.create(claim));
    }

    private static Claim example(String file) throws Exception {
        return TestTerminology.FHIR.newJsonParser().parseResource(Claim.class,
                Files.readString(Path.of("examples", "claims", file)));
    }

    @Test
    void reusedValidatorsGiveTheSameFindingsAndRetainNoClaims() throws Exception {
        Claim faulty = example("34-five-modifiers.json");
        Claim clean = example("01-clean-em-with-biopsy.json");
        List<Finding> first = validator.validate(faulty);
        assertThat(first).anyMatch(f -> f.message().contains("max allowed = 4"));
        for (int i = 0; i < 30; i++) {
            assertThat(validator.validate(clean)).isEmpty();
            assertThat(validator.validate(faulty)).isEqualTo(first);
        }
        assertThat(validator.retainedResources()).isZero();
    }

    @Test
    void aFindingThatRestatesARuleAtTheSameElementIsDropped() throws Exception {
        for (String file : List.of("34-five-modifiers.json", "44-line-without-diagnosis-pointer.json",
                "58-five-diagnosis-pointers.json")) {
            Claim claim = example(file);
            assertThat(validator.validate(claim)).as(file).isNotEmpty();
            assertThat(validator.validate(claim, rules(claim))).as(file).isEmpty();
        }
        // a 13th diagnosis: SEQ-DX-COUNT says it (a binding warning on a diagnosis the server does not host would stay)
        Claim thirteen = example("46-thirteen-diagnoses.json");
        assertThat(validator.validate(thirteen)).anyMatch(f -> f.message().contains("max allowed = 12"));
        assertThat(validator.validate(thirteen, rules(thirteen))).noneMatch(f -> f.message().contains("max allowed"));
    }

    @Test
    void aFindingNoRuleMakesIsKeptInPlainSentences() throws Exception {
        Claim claim = example("01-clean-em-with-biopsy.json");
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "oral", null)));
        List<Finding> findings = validator.validate(claim, rules(claim));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).expression()).isEqualTo("Claim.type");
        assertThat(findings.get(0).message()).contains("Claim.type.coding.code: Value is 'oral' but is fixed to"
                + " 'professional'").doesNotContain("ValidationMessage", "level=", "'null'");
    }

    @Test
    void noMessageOverTheExamplesAndTheCorpusCarriesJavaObjectText() throws Exception {
        for (Map.Entry<String, Claim> entry : ProfileTestClaims.examplesAndCorpus().entrySet()) {
            for (Finding finding : validator.validate(entry.getValue(), rules(entry.getValue()))) {
                assertThat(finding.message()).as(entry.getKey()).doesNotContain("ValidationMessage[", "level=ERROR",
                        "'null'");
            }
        }
    }
}
