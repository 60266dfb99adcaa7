package org.dermcode.claim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Size limits checked before any rule runs, so that the cost of one claim is bounded whatever it
 * holds. A claim over a limit is answered 422 with an OperationOutcome (issue code too-costly)
 * that names the limit; it is not validated. The defaults are well above real claims: an X12 837P
 * claim has at most 50 service lines, 12 diagnoses and 4 modifiers per line.
 */
public record ClaimLimits(int maxItems, int maxModifiersPerItem, int maxDiagnoses, int maxStringLength,
        int maxBatchClaims, int maxBatchItems) {

    /** No limits (unit tests of the rules). */
    public static final ClaimLimits NONE = new ClaimLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * The limits of one request holding several claims (a Bundle): at most {@link #maxBatchClaims}
     * claims with at most {@link #maxBatchItems} items in all, so a Bundle costs about what the
     * largest single claim costs (bench/cost.sh); each claim is then checked on its own.
     */
    public void checkBatch(List<Claim> claims) {
        if (claims.size() > maxBatchClaims) {
            throw tooCostly("The Bundle has " + claims.size() + " claims; at most " + maxBatchClaims
                    + " are accepted per request (dermcode.limits.max-batch-claims)");
        }
        int items = claims.stream().mapToInt(claim -> claim.getItem().size()).sum();
        if (items > maxBatchItems) {
            throw tooCostly("The claims of the Bundle have " + items + " items in all; at most " + maxBatchItems
                    + " are accepted per request (dermcode.limits.max-batch-items)");
        }
    }

    public void check(Claim claim) {
        check(claim, Long.MAX_VALUE);
    }

    /**
     * {@code sourceLength}: the length of the request body the claim was parsed from. No string in
     * it can be longer, so below {@link #maxStringLength} the walk over every string of the claim
     * (about a tenth of a rules-only validation's CPU) is skipped.
     */
    public void check(Claim claim, long sourceLength) {
        if (claim.getItem().size() > maxItems) {
            throw tooCostly("The claim has " + claim.getItem().size() + " items; at most " + maxItems
                    + " are accepted per claim (dermcode.limits.max-claim-items)");
        }
        if (claim.getDiagnosis().size() > maxDiagnoses) {
            throw tooCostly("The claim has " + claim.getDiagnosis().size() + " diagnoses; at most " + maxDiagnoses
                    + " are accepted per claim (dermcode.limits.max-claim-diagnoses)");
        }
        for (int i = 0; i < claim.getItem().size(); i++) {
            int modifiers = claim.getItem().get(i).getModifier().size();
            if (modifiers > maxModifiersPerItem) {
                throw tooCostly("Claim.item[" + i + "] has " + modifiers + " modifiers; at most " + maxModifiersPerItem
                        + " are accepted per item (dermcode.limits.max-modifiers-per-item)");
            }
        }
        for (int i = 0; i < claim.getItem().size(); i++) {
            var quantity = claim.getItem().get(i).getQuantity();
            if (quantity != null && quantity.hasValue()) {
                java.math.BigDecimal units = quantity.getValue();
                if (units.signum() <= 0 || units.compareTo(MAX_UNITS) > 0) {
                    throw invalid("Claim.item[" + i + "].quantity must be a positive number of units of at most "
                            + MAX_UNITS.toPlainString() + " (got " + abbreviate(units) + ")");
                }
            }
        }
        if (maxStringLength < Integer.MAX_VALUE && sourceLength > maxStringLength) {
            for (IPrimitiveType<?> value : FhirContext.forR4Cached().newTerser()
                    .getAllPopulatedChildElementsOfType(claim, IPrimitiveType.class)) {
                String text = value.getValueAsString();
                if (text != null && text.length() > maxStringLength) {
                    throw tooCostly("The claim holds a value of " + text.length() + " characters; at most "
                            + maxStringLength + " are accepted (dermcode.limits.max-string-length)");
                }
            }
        }
    }

    /** More units than any service line bills (X12 837P SV104 allows 99999.999). */
    static final java.math.BigDecimal MAX_UNITS = new java.math.BigDecimal("99999");

    private static String abbreviate(java.math.BigDecimal value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static UnprocessableEntityException invalid(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.VALUE).setDiagnostics(message);
        return new UnprocessableEntityException(message, outcome);
    }

    private static UnprocessableEntityException tooCostly(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TOOCOSTLY).setDiagnostics(message);
        return new UnprocessableEntityException(message, outcome);
    }
}
