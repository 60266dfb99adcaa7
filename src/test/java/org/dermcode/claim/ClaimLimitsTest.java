package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.dermcode.bench.BenchmarkClaims;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.Test;

/** The string-length limit, with and without the length of the body the claim came in. */
class ClaimLimitsTest {

    private final ClaimLimits limits = new ClaimLimits(200, 20, 100, 65_536);

    @Test
    void aLongStringIsTooCostlyWhenTheBodyCouldHoldIt() {
        Claim claim = BenchmarkClaims.clean10();
        claim.getItemFirstRep().getProductOrService().setText("x".repeat(70_000));

        assertThatThrownBy(() -> limits.check(claim)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("70000 characters");
        assertThatThrownBy(() -> limits.check(claim, 75_000)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("70000 characters");
    }

    @Test
    void shortStringsPassWithOrWithoutTheBodyLength() {
        Claim claim = BenchmarkClaims.clean10();
        claim.getItemFirstRep().getProductOrService().setText("x".repeat(65_536));

        assertThatCode(() -> limits.check(claim)).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(claim, 70_000)).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(BenchmarkClaims.clean10(), 5_000)).doesNotThrowAnyException();
    }

    @Test
    void otherLimitsHoldWhateverTheBodyLength() {
        Claim claim = BenchmarkClaims.clean10();
        claim.getItemFirstRep().getQuantity().setValue(0);

        assertThatThrownBy(() -> limits.check(claim, 5_000)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("quantity");
    }
}
