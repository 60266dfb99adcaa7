package org.dermcode.rules;

import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.FeeScheduleRow;
import org.dermcode.knowledge.Knowledge;

/**
 * The global surgery package as the PFS global period ({@code globalDays}) gives it: a 010
 * procedure covers the 10 days after it, a 090 procedure the day before and the 90 days after
 * (Claims Processing Manual ch. 12 sec. 40.1; CMS Global Surgery Booklet). The number of
 * post-operative days is the global period's own number; 000 has none, XXX and ZZZ are no package
 * of their own. A hosted code's global period is its own fact; for a code the server does not host
 * it is that of the fee schedule in force on the line's date (Knowledge).
 */
final class GlobalPeriods {

    /** The global period of major surgery: a pre-operative day, and 57 for the decision for surgery. */
    static final String MAJOR = "090";

    private GlobalPeriods() {}

    /** The global period of a procedure line: its facts when hosted, else the fee schedule's (null: unknown). */
    static String globalDays(Line line, Knowledge knowledge) {
        if (line.isHosted()) {
            return line.facts().isProcedure() ? line.facts().globalDays() : null;
        }
        if (!line.isProcedure()) {
            return null;
        }
        return knowledge.fees(line.code(), line.date()).map(FeeScheduleRow::globalDays).orElse(null);
    }

    /** Post-operative days of a procedure (10 for 010, 90 for 090), 0 for anything else. */
    static int postOperativeDays(Line line, Knowledge knowledge) {
        if (line.isAddOn()) {
            return 0;
        }
        String days = globalDays(line, knowledge);
        if (days == null || days.length() != 3 || !Character.isDigit(days.charAt(0))) {
            return 0;
        }
        try {
            return Integer.parseInt(days);
        } catch (NumberFormatException e) {
            return 0;
        }
    }


    /** A procedure with a global period of its own (000, 010, 090), or one the server does not host. */
    static boolean hasOwnGlobal(Line line) {
        if (!line.isProcedure()) {
            return false;
        }
        if (!line.isHosted()) {
            return true;
        }
        return !line.isAddOn() && isSurgicalGlobal(line.facts().globalDays());
    }

    /** 000, 010 or 090: a global surgery package of its own (not XXX, YYY or ZZZ). */
    static boolean isSurgicalGlobal(String days) {
        return days != null && days.length() == 3 && Character.isDigit(days.charAt(0));
    }

    /**
     * The first procedure on the claim, by the same provider, whose post-operative period the later
     * line falls in (1 to N days after it), or null.
     */
    static Line surgeryBefore(ClaimView claim, Line later, Knowledge knowledge) {
        if (later.date() == null) {
            return null;
        }
        for (Line surgery : claim.lines()) {
            int days = postOperativeDays(surgery, knowledge);
            if (surgery == later || days == 0 || surgery.date() == null
                    || !Objects.equals(surgery.provider(), later.provider())) {
                continue;
            }
            long after = ChronoUnit.DAYS.between(surgery.date(), later.date());
            if (after >= 1 && after <= days) {
                return surgery;
            }
        }
        return null;
    }
}
