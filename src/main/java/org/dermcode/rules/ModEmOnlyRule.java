package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-EM-ONLY: a modifier that applies only to E/M codes ({@code modifierAppliesTo = em}: 24, 25,
 * 57) on a hosted code that is not an E/M (domain doc section 5, MOD-01). Lines whose code the
 * server does not host are skipped.
 */
@Component
final class ModEmOnlyRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-EM-ONLY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || line.isEm()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                if (modifier.facts() == null || !Modifiers.APPLIES_TO_EM.equals(modifier.facts().modifierAppliesTo())
                        || !seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": modifier " + modifier.code() + " belongs on an office visit (E/M) code,"
                        + " not on " + line.code() + "; remove it from line " + line.number()
                        + " (if it describes the visit, put it on the E/M line)");
            }
        }
    }
}
