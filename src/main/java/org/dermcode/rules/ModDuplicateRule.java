package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-DUPLICATE: the same modifier twice on one line, reported at every repeat (domain doc section
 * 5, MOD-12/MOD-13: each of the four modifier slots carries one distinct modifier).
 */
@Component
final class ModDuplicateRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-DUPLICATE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                if (modifier.code().isEmpty() || seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + (line.hasCode() ? " (" + line.code() + ")" : "") + " lists modifier "
                        + modifier.code() + " more than once (again in position " + (modifier.index() + 1)
                        + "); remove the repeat");
            }
        }
    }
}
