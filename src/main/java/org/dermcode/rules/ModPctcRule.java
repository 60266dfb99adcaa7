package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-PCTC: 26 (professional component) or TC (technical component) on a hosted code whose PFS
 * PC/TC indicator is not 1; only indicator-1 codes (pathology 88304, 88305, 88312, 88341, 88342)
 * split into components (domain doc section 1, "PC/TC indicators"; section 5, MOD-14). On a code
 * that splits, 26 and TC on the same line contradict each other (reported at the second of them).
 */
@Component
final class ModPctcRule implements ClaimRule {

    static final String SPLITS = "1";

    @Override
    public String id() {
        return "MOD-PCTC";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted()) {
                continue;
            }
            if (SPLITS.equals(line.facts().pctc())) {
                checkBothComponents(line, findings);
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                boolean component = modifier.code().equals(Modifiers.PROFESSIONAL_COMPONENT)
                        || modifier.code().equals(Modifiers.TECHNICAL_COMPONENT);
                if (!component || !seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": " + line.code() + " has no professional/technical split (PC/TC indicator "
                        + (line.facts().pctc() == null ? "not set" : line.facts().pctc()) + " in the "
                        + line.facts().feeScheduleLabel() + "), so modifier "
                        + modifier.code() + " is not valid; remove it and bill the global service");
            }
        }
    }

    private void checkBothComponents(Line line, Findings findings) {
        Modifier first = null;
        for (Modifier modifier : line.modifiers()) {
            if (!modifier.code().equals(Modifiers.PROFESSIONAL_COMPONENT)
                    && !modifier.code().equals(Modifiers.TECHNICAL_COMPONENT)) {
                continue;
            }
            if (first == null) {
                first = modifier;
            } else if (!modifier.code().equals(first.code())) {
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": " + line.code() + " carries both " + first.code() + " and "
                        + modifier.code() + ", which contradict each other (26 is the professional part only, TC"
                        + " the technical part only); bill the global service without either when you did both,"
                        + " or keep the one part you did");
                return;
            }
        }
    }
}
