package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-59-WITH-X: 59 and an X{EPSU} modifier (modifierRole {@code bypass-x}) on the same line; the X
 * modifier is the more specific form of 59 and the two must not be combined (domain doc section 5,
 * MOD-08). Reported at the 59.
 */
@Component
final class Mod59WithXRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-59-WITH-X";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            Modifier mod59 = null;
            Modifier x = null;
            for (Modifier modifier : line.modifiers()) {
                if (mod59 == null && modifier.code().equals(Modifiers.DISTINCT_PROCEDURE)) {
                    mod59 = modifier;
                }
                if (x == null && modifier.facts() != null
                        && Modifiers.ROLE_BYPASS_X.equals(modifier.facts().modifierRole())) {
                    x = modifier;
                }
            }
            if (mod59 == null || x == null) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".modifier[" + mod59.index() + "]", "Line "
                    + line.number() + (line.hasCode() ? " (" + line.code() + ")" : "") + " carries both 59 and "
                    + x.code() + "; use only one: keep " + x.code() + ", the more specific modifier, and remove 59");
        }
    }
}
