package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-NOT-ON-EM: a procedure-only modifier ({@code modifierAppliesTo = procedure}: 51, 59, 79, XE,
 * XS, XP, XU) on an E/M code (domain doc section 5, MOD-02 and MOD-03).
 */
@Component
final class ModNotOnEmRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-NOT-ON-EM";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isEm()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                if (modifier.facts() == null
                        || !Modifiers.APPLIES_TO_PROCEDURE.equals(modifier.facts().modifierAppliesTo())
                        || !seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": modifier " + modifier.code() + " is for procedures and is not valid on"
                        + " the office visit " + line.code() + "; remove it (a separately identifiable visit on the"
                        + " day of a procedure takes modifier 25)");
            }
        }
    }
}
