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
            if (!em.isEm() || em.hasModifier(Modifiers.SIGNIFICANT_SEPARATE_EM)) {
                continue;
            }
            for (Line other : claim.sameDay(em)) {
                if (other.isHosted() && other.facts().isProcedure() && other.facts().isMinorGlobal()) {
                    findings.add(id(), em.index(), em.path(), "Line " + em.number() + ": " + em.code()
                            + " is billed on " + em.date() + " with " + other.code() + " (a " + other.facts().globalDays()
                            + "-day global procedure in the " + other.facts().feeScheduleLabel() + ", line " + other.number()
                            + "); append modifier 25 if the visit"
                            + " was significant and separately identifiable, otherwise remove the visit");
                    break;
                }
            }
        }
    }
}
