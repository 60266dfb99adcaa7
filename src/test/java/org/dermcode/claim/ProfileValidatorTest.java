package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermcode.TestTerminology;
import org.dermcode.rules.Finding;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pooled validators give the same answer every time and keep nothing of the claims they saw. */
class ProfileValidatorTest {

    private static ProfileValidator validator;

    @BeforeAll
    static void build() {
        validator = TestTerminology.profileValidator();
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
}
