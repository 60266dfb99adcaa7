package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-UNKNOWN: a line modifier that is not one of the CPT/HCPCS modifiers the server knows (domain
 * doc section 5; the known modifiers are the CodeSystem concepts of kind {@code modifier}).
 */
@Component
final class ModUnknownRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-UNKNOWN";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            for (Modifier modifier : line.modifiers()) {
                if (modifier.facts() != null) {
                    continue;
                }
                String what = modifier.code().isEmpty() ? "a modifier without a code"
                        : "modifier " + modifier.code() + (modifier.system() == null ? ""
                                : " (system " + modifier.system() + ")");
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + (line.hasCode() ? " (" + line.code() + ")" : "") + " has " + what
                        + ", which is not a CPT/HCPCS modifier this server knows, so no modifier rule can check it;"
                        + " correct or remove it");
            }
        }
    }
}
