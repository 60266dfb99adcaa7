package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.dermcode.bench.BenchmarkClaims;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.Test;

/** The string-length limit, with and without the length of the body the claim came in; the Bundle limits. */
class ClaimLimitsTest {

    private final ClaimLimits limits = new ClaimLimits(200, 20, 100, 65_536, 10, 80);

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

    @Test
    void aBundleIsLimitedInClaimsAndInItemsInAll() {
        java.util.List<Claim> ten = java.util.Collections.nCopies(10, new Claim().addItem(new Claim.ItemComponent()));
        assertThatCode(() -> limits.checkBatch(ten)).doesNotThrowAnyException();
        java.util.List<Claim> eleven = java.util.Collections.nCopies(11, new Claim());
        assertThatThrownBy(() -> limits.checkBatch(eleven)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("11 claims").hasMessageContaining("max-batch-claims");
        Claim wide = new Claim();
        for (int i = 0; i < 60; i++) {
            wide.addItem(new Claim.ItemComponent());
        }
        assertThatThrownBy(() -> limits.checkBatch(java.util.List.of(wide, wide))).isInstanceOf(
                UnprocessableEntityException.class).hasMessageContaining("120 items in all");
    }
}
