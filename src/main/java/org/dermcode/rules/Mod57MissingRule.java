package org.dermcode.rules;

import java.util.Objects;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * MOD-57-MISSING: an E/M without 57 (decision for surgery) on the day of, or the day before, a
 * procedure of the same provider with a 090 global period: the visit the day before and the day
 * of major surgery is part of its global package unless it is where the surgery was decided (Claims
 * Processing Manual ch. 12 sec. 40.1 and 30.6.6.C; domain doc section 13). The global period is the
 * hosted code's, or, for a code the server does not host, that of the fee schedule in force on the
 * procedure's date (Knowledge). MOD-57-MINOR stays the rule for 000/010 procedures.
 */
@Component
final class Mod57MissingRule implements ClaimRule {

    private final Knowledge knowledge;

    Mod57MissingRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "MOD-57-MISSING";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line visit : claim.lines()) {
            Line surgery = majorProcedureWithout57(claim, visit, knowledge);
            if (surgery == null) {
                continue;
            }
            String when = surgery.date().equals(visit.date()) ? "the day of" : "the day before";
            findings.add(id(), visit.index(), visit.path(), "Line " + visit.number() + ": " + visit.code() + " on "
                    + visit.date() + " is " + when + " " + surgery.code() + " (line " + surgery.number()
                    + ", a 090-day global procedure, same provider), whose global package includes that visit;"
                    + " append modifier 57 if the visit was where the decision for surgery was made, otherwise"
                    + " do not bill it (a visit for an unrelated problem needs documentation that it was"
                    + " separate)");
        }
    }

    /** True when this rule reports the visit (PTP-BUNDLED then leaves the visit's pairs to it). */
    static boolean reports(ClaimView claim, Line visit, Knowledge knowledge) {
        return majorProcedureWithout57(claim, visit, knowledge) != null;
    }

    /** The first 090 procedure the day of or after an E/M without 57, by the same provider, else null. */
    private static Line majorProcedureWithout57(ClaimView claim, Line visit, Knowledge knowledge) {
        if (!visit.isEm() || visit.date() == null || visit.hasModifier(Modifiers.DECISION_FOR_SURGERY)) {
            return null;
        }
        for (Line surgery : claim.lines()) {
            if (surgery != visit && surgery.date() != null && surgery.isProcedure() && !surgery.isAddOn()
                    && Objects.equals(surgery.provider(), visit.provider())
                    && (surgery.date().equals(visit.date()) || surgery.date().equals(visit.date().plusDays(1)))
                    && GlobalPeriods.MAJOR.equals(GlobalPeriods.globalDays(surgery, knowledge))) {
                return surgery;
            }
        }
        return null;
    }
}
