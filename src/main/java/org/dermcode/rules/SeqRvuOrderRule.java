package org.dermcode.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-RVU-ORDER: on one day (same date and rendering provider), primary procedures (hosted
 * procedures that are not add-ons) should be listed highest-valued first. Ranked with the
 * non-facility total RVUs for place of service 11 and the facility totals otherwise, of the fee
 * schedule in force on the line's date of service. Reported on a
 * primary worth more than a primary listed before it. A quality check, not a payment rule. Domain
 * doc section 8 (line order).
 */
@Component
final class SeqRvuOrderRule implements ClaimRule {

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

    /** The ranking RVU of a primary procedure line, or null for any other line. */
    private static BigDecimal rvu(Line line) {
        if (!line.isHosted() || !line.facts().isProcedure() || line.facts().isAddOn()) {
            return null;
        }
        return line.facts().rankingRvu(line.nonFacility());
    }
}
