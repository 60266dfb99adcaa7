package org.dermcode.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-RVU-ORDER: on one day (same date and rendering provider), the procedures subject to the
 * multiple-procedure reduction (PFS indicator 2; add-ons, pathology, phototherapy and PDT have 0
 * and are not ranked) should be listed highest-valued first, as the payer ranks them. Ranked with
 * the non-facility or facility total RVUs as CMS's facility place-of-service list says (data of
 * the place-of-service CodeSystem; a line without a place of service counts as non-facility), of
 * the fee schedule in force on the line's date of service.
 * Reported on a procedure worth more than one listed before it. A quality check, not a payment
 * rule. Domain doc section 8 (line order) and section 13 (place of service).
 */
@Component
final class SeqRvuOrderRule implements ClaimRule {

    /** PFS multiple-procedure indicator 2: the standard reduction, ranked by value. */
    static final String REDUCED = "2";

    @Override
    public String id() {
        return "SEQ-RVU-ORDER";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            List<Line> earlier = new ArrayList<>();
            for (Line line : day) {
                BigDecimal rvu = rvu(line);
                if (rvu == null) {
                    continue;
                }
                Line lower = null;
                for (Line before : earlier) {
                    if (rvu.compareTo(rvu(before)) > 0 && (lower == null || rvu(before).compareTo(rvu(lower)) < 0)) {
                        lower = before;
                    }
                }
                if (lower != null) {
                    findings.add(id(), line.index(), line.path(), "Line " + line.number() + ": " + line.code() + " ("
                            + rvu.toPlainString() + " RVUs) is listed after " + lower.code() + " (line "
                            + lower.number() + ", " + rvu(lower).toPlainString() + " RVUs) on " + line.date()
                            + " (" + line.facts().feeScheduleLabel() + ")"
                            + "; list the procedures of a day highest-valued first (move line " + line.number()
                            + " above line " + lower.number() + ")");
                }
                earlier.add(line);
            }
        }
    }

    /** The ranking RVU of a procedure subject to the multiple-procedure reduction, or null for any other line. */
    private static BigDecimal rvu(Line line) {
        if (!line.isHosted() || !line.facts().isProcedure() || line.facts().isAddOn()
                || !REDUCED.equals(line.facts().multipleProcedure())) {
            return null;
        }
        return line.facts().rankingRvu(line.nonFacility());
    }
}
