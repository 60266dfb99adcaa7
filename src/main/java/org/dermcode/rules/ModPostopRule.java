package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * MOD-POSTOP: a line of the same provider inside the post-operative period of a procedure on the
 * claim, as its global period says (010: the 10 days after; 090: the 90 days after; see
 * {@link GlobalPeriods}): an E/M needs 24 (unrelated visit); a procedure with a global period of
 * its own (000, 010, 090), or one the server does not host unless the fee schedule in force gives it
 * none (99024, XXX), needs 79 (unrelated; 58 staged and 78
 * return to the OR are also accepted). XXX and ZZZ services (pathology, phototherapy, PDT,
 * add-ons), drugs and G2211 are outside the surgical package and take no 79. Otherwise the line is
 * part of the global surgery package (domain doc section 5, MOD-06 and MOD-07; section 13). Each
 * later line is reported once, against the first such procedure. The visit the day before a 090
 * procedure is MOD-57-MISSING's.
 */
@Component
final class ModPostopRule implements ClaimRule {

    private final Knowledge knowledge;

    ModPostopRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "MOD-POSTOP";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line later : claim.lines()) {
            String fix = fix(later);
            if (fix == null) {
                continue;
            }
            Line surgery = GlobalPeriods.surgeryBefore(claim, later, knowledge);
            if (surgery == null) {
                continue;
            }
            findings.add(id(), later.index(), later.path(), "Line " + later.number() + ": " + later.code()
                    + " on " + later.date() + " falls in the " + GlobalPeriods.postOperativeDays(surgery, knowledge)
                    + "-day post-operative period of " + surgery.code() + " (line " + surgery.number() + ", "
                    + surgery.date() + ", same provider, " + GlobalPeriods.globalDays(surgery, knowledge) + " global in the "
                    + knowledge.pfsRelease(surgery.date()).label() + "); " + fix);
        }
    }

    /** What the later line needs, or null when it is fine (or not concerned). */
    private String fix(Line line) {
        if (line.date() == null) {
            return null;
        }
        if (line.isEm()) {
            return line.hasModifier(Modifiers.UNRELATED_EM_POSTOP) ? null
                    : "if the visit was for an unrelated problem append modifier 24, otherwise it is included in"
                            + " the surgery and should not be billed";
        }
        if (hasOwnGlobal(line) && !line.hasModifier(Modifiers.UNRELATED_PROCEDURE_POSTOP)
                && !line.hasModifier(Modifiers.STAGED_PROCEDURE) && !line.hasModifier(Modifiers.RETURN_TO_OR)) {
            return "append modifier 79 if the procedure is unrelated (58 if staged or planned, 78 if a return to"
                    + " the operating room), otherwise it is included in the surgery's global period";
        }
        return null;
    }

    /** A global period of its own; for a code the server does not host, as the fee schedule says (unknown: yes). */
    private boolean hasOwnGlobal(Line line) {
        if (line.isHosted() || !line.isProcedure()) {
            return GlobalPeriods.hasOwnGlobal(line);
        }
        String days = GlobalPeriods.globalDays(line, knowledge);
        return days == null || GlobalPeriods.isSurgicalGlobal(days);
    }
}
