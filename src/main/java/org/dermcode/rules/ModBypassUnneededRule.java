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
 * forms no NCCI procedure-to-procedure pair, in either direction, with any other procedure line of
 * the same day; the modifier bypasses nothing and invites review (domain doc section 5, MOD-09,
 * MOD-10 and MOD-11; section 3). E/M lines are no partner: a visit-procedure pair is bypassed by 25
 * or 57 on the visit, never by 59/X on the procedure (CPT 59: "other than E/M services"). E/M lines
 * carrying 59/X are MOD-NOT-ON-EM's. The pairs are those of the NCCI release covering them on the
 * line's date. Lines without a code or a date are skipped.
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
            if (!line.hasCode() || line.isEm() || line.date() == null || !hasBypass(line) || hasPartner(claim, line)) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Modifier modifier : line.modifiers()) {
                if (!isBypass(modifier) || !seen.add(modifier.code())) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                        + line.number() + ": " + line.code() + " carries " + modifier.code() + ", but no other code"
                        + " (other than an office visit) billed on " + line.date() + " by the same provider has an"
                        + " NCCI edit with " + line.code() + ", so there is nothing to bypass; remove "
                        + modifier.code() + " (a visit on the same day takes 25 on the visit line instead)");
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
            if (other != line && other.hasCode() && !other.isEm()
                    && knowledge.ptp(line.code(), other.code(), line.date()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
