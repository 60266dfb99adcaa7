package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-57-MINOR: modifier 57 (decision for surgery) on an E/M when the procedures of the same
 * provider on that day or the next are all minor (000 or 010 global). 57 is for the decision to do
 * a 090-day major procedure; with a minor procedure the visit takes 25 (domain doc section 0.2;
 * section 5, MOD-04). Silent when a procedure in that window is not a hosted minor one: a 090 or
 * XXX global, or a code the server does not host, whose global period it cannot know. Add-ons (ZZZ)
 * share their primary's global and are not judged on their own.
 */
@Component
final class Mod57MinorRule implements ClaimRule {

    static final String MAJOR_GLOBAL = "090";

    @Override
    public String id() {
        return "MOD-57-MINOR";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line em : claim.lines()) {
            if (!em.isEm() || em.date() == null) {
                continue;
            }
            Modifier mod57 = null;
            for (Modifier modifier : em.modifiers()) {
                if (modifier.code().equals(Modifiers.DECISION_FOR_SURGERY)) {
                    mod57 = modifier;
                    break;
                }
            }
            if (mod57 == null) {
                continue;
            }
            List<Line> procedures = new ArrayList<>();
            boolean allMinor = true;
            for (Line other : claim.lines()) {
                if (other == em || other.date() == null || !other.isProcedure()
                        || !Objects.equals(other.provider(), em.provider())
                        || (!other.date().equals(em.date()) && !other.date().equals(em.date().plusDays(1)))) {
                    continue;
                }
                procedures.add(other);
                if (!other.isHosted() || (!other.isAddOn() && !other.facts().isMinorGlobal())) {
                    allMinor = false;
                }
            }
            if (procedures.isEmpty() || !allMinor) {
                continue;
            }
            List<String> named = new ArrayList<>();
            for (Line p : procedures) {
                named.add(p.code() + " (line " + p.number() + (p.isHosted() && p.facts().globalDays() != null
                        ? ", " + p.facts().globalDays() + " global" : "") + ")");
            }
            findings.add(id(), em.index(), em.path() + ".modifier[" + mod57.index() + "]", "Line " + em.number()
                    + ": " + em.code() + " on " + em.date() + " carries modifier 57 (decision for major surgery), but"
                    + " the procedures that day or the next are minor: " + String.join(", ", named)
                    + "; replace 57 with 25 if the visit was significant and separately identifiable");
        }
    }
}
