package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * MOD-25-MISSING: an E/M billed on the same day as a 000- or 010-global procedure needs modifier
 * 25 (NCCI Policy Manual ch. I; global surgery rules), new or established patient alike.
 */
@Component
final class Mod25MissingRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-25-MISSING";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line em : claim.lines()) {
            Line other = minorProcedureWithout25(claim, em);
            if (other != null) {
                findings.add(id(), em.index(), em.path(), "Line " + em.number() + ": " + em.code()
                        + " is billed on " + em.date() + " with " + other.code() + " (a " + other.facts().globalDays()
                        + "-day global procedure in the " + other.facts().feeScheduleLabel() + ", line " + other.number()
                        + "); append modifier 25 if the visit"
                        + " was significant and separately identifiable, otherwise remove the visit");
            }
        }
    }

    /** True when this rule reports the line (PTP-BUNDLED then leaves the visit's pairs to it). */
    static boolean reports(ClaimView claim, Line line) {
        return minorProcedureWithout25(claim, line) != null;
    }

    /** The first minor procedure of the E/M's day when the E/M lacks 25, else null. */
    private static Line minorProcedureWithout25(ClaimView claim, Line em) {
        if (!em.isEm() || em.hasModifier(Modifiers.SIGNIFICANT_SEPARATE_EM)) {
            return null;
        }
        for (Line other : claim.sameDay(em)) {
            if (other.isHosted() && other.facts().isProcedure() && other.facts().isMinorGlobal()) {
                return other;
            }
        }
        return null;
    }
}
