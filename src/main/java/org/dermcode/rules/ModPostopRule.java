package org.dermcode.rules;

import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * MOD-POSTOP: a line of the same provider dated 1-10 days after a 010-global procedure on the
 * claim, i.e. inside its post-operative period: an E/M needs 24 (unrelated visit), a procedure
 * (not an add-on) needs 79 (unrelated; 58 staged and 78 return to the OR are also accepted);
 * otherwise it is part of the global surgery package (domain doc section 5, MOD-06 and MOD-07).
 * Each later line is reported once, against the first such procedure.
 */
@Component
final class ModPostopRule implements ClaimRule {

    static final String POSTOP_GLOBAL = "010";
    static final int POSTOP_DAYS = 10;

    @Override
    public String id() {
        return "MOD-POSTOP";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        Set<Integer> reported = new HashSet<>();
        for (Line surgery : claim.lines()) {
            if (!surgery.isHosted() || !surgery.facts().isProcedure() || surgery.date() == null
                    || !POSTOP_GLOBAL.equals(surgery.facts().globalDays())) {
                continue;
            }
            for (Line later : claim.lines()) {
                if (later == surgery || later.date() == null || reported.contains(later.index())
                        || !Objects.equals(later.provider(), surgery.provider())) {
                    continue;
                }
                long days = ChronoUnit.DAYS.between(surgery.date(), later.date());
                if (days < 1 || days > POSTOP_DAYS) {
                    continue;
                }
                String fix = fix(later);
                if (fix == null) {
                    continue;
                }
                reported.add(later.index());
                findings.add(id(), later.index(), later.path(), "Line " + later.number() + ": " + later.code()
                        + " on " + later.date() + " falls in the 10-day post-operative period of " + surgery.code()
                        + " (line " + surgery.number() + ", " + surgery.date() + ", same provider, 010 global in the "
                        + surgery.facts().feeScheduleLabel() + "); " + fix);
            }
        }
    }

    /** What the later line needs, or null when it is fine (or not concerned). */
    private static String fix(Line line) {
        if (line.isEm()) {
            return line.hasModifier(Modifiers.UNRELATED_EM_POSTOP) ? null
                    : "if the visit was for an unrelated problem append modifier 24, otherwise it is included in"
                            + " the surgery and should not be billed";
        }
        if (line.isProcedure() && !line.isAddOn() && !line.hasModifier(Modifiers.UNRELATED_PROCEDURE_POSTOP)
                && !line.hasModifier(Modifiers.STAGED_PROCEDURE) && !line.hasModifier(Modifiers.RETURN_TO_OR)) {
            return "append modifier 79 if the procedure is unrelated (58 if staged or planned, 78 if a return to"
                    + " the operating room), otherwise it is included in the surgery's global period";
        }
        return null;
    }
}
