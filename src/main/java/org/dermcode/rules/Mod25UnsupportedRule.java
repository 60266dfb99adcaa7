package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-25-UNSUPPORTED: modifier 25 on an E/M with no procedure on the same day (same date, same
 * rendering provider); 25 only says the visit was separate from a procedure that day (domain doc
 * section 5, MOD-05; section 6). Unhosted CPT/HCPCS codes count as procedures; lines without a
 * date are skipped.
 */
@Component
final class Mod25UnsupportedRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-25-UNSUPPORTED";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line em : claim.lines()) {
            if (!em.isEm() || em.date() == null) {
                continue;
            }
            Modifier mod25 = null;
            for (Modifier modifier : em.modifiers()) {
                if (modifier.code().equals(Modifiers.SIGNIFICANT_SEPARATE_EM)) {
                    mod25 = modifier;
                    break;
                }
            }
            if (mod25 == null || hasProcedure(claim, em)) {
                continue;
            }
            findings.add(id(), em.index(), em.path() + ".modifier[" + mod25.index() + "]", "Line " + em.number()
                    + ": " + em.code() + " carries modifier 25 but no procedure is billed by the same provider on "
                    + em.date() + "; remove 25, or add the procedure that was done that day");
        }
    }

    private static boolean hasProcedure(ClaimView claim, Line em) {
        for (Line other : claim.sameDay(em)) {
            if (other != em && other.isProcedure()) {
                return true;
            }
        }
        return false;
    }
}
