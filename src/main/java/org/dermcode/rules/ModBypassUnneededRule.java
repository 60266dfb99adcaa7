package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * MOD-BYPASS-UNNEEDED: 59 or an X{EPSU} modifier (modifierRole {@code bypass-x}) on a line that
 * forms no NCCI procedure-to-procedure pair, in either direction, with any other line of the same
 * day; the modifier bypasses nothing and invites review (domain doc section 5, MOD-09 and MOD-10;
 * section 3). The pairs are those of the NCCI release covering them on the line's date. Lines
 * without a code or a date are skipped.
 */
@Component
final class ModBypassUnneededRule implements ClaimRule {

    private final Knowledge knowledge;

    ModBypassUnneededRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "MOD-BYPASS-UNNEEDED";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.hasCode() || line.date() == null || !hasBypass(line) || hasPartner(claim, line)) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                if (!isBypass(modifier) || !seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": " + line.code() + " carries " + modifier.code() + ", but no other code"
                        + " billed on " + line.date() + " by the same provider has an NCCI edit with "
                        + line.code() + ", so there is nothing to bypass; remove " + modifier.code());
            }
        }
    }

    private static boolean hasBypass(Line line) {
        for (Modifier modifier : line.modifiers()) {
            if (isBypass(modifier)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBypass(Modifier modifier) {
        return modifier.code().equals(Modifiers.DISTINCT_PROCEDURE) || (modifier.facts() != null
                && Modifiers.ROLE_BYPASS_X.equals(modifier.facts().modifierRole()));
    }

    private boolean hasPartner(ClaimView claim, Line line) {
        for (Line other : claim.sameDay(line)) {
            if (other != line && other.hasCode() && knowledge.ptp(line.code(), other.code(), line.date()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
