package org.dermcode.rules;

import java.util.List;
import java.util.Optional;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * PTP-BUNDLED: an NCCI procedure-to-procedure pair billed on one day. Indicator 0 is never
 * bypassable; indicator 1 is bypassed by an NCCI-associated modifier on either line. Reported on
 * the column 2 line, which is the one the payer denies.
 */
@Component
final class PtpBundledRule implements ClaimRule {

    private final PtpEdits edits;

    PtpBundledRule(PtpEdits edits) {
        this.edits = edits;
    }

    @Override
    public String id() {
        return "PTP-BUNDLED";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            for (Line a : day) {
                for (Line b : day) {
                    if (a.index() >= b.index() || !a.hasCode() || !b.hasCode()) {
                        continue;
                    }
                    Optional<PtpEdits.Edit> edit = edits.between(a.code(), b.code());
                    if (edit.isEmpty()) {
                        continue;
                    }
                    Line column2 = edit.get().column2().equals(a.code()) ? a : b;
                    Line column1 = column2 == a ? b : a;
                    boolean bypassed = edit.get().bypassable() && (hasNcciModifier(a) || hasNcciModifier(b));
                    if (!bypassed) {
                        findings.add(id(), column2.index(), column2.path() + ".productOrService", message(column1,
                                column2, edit.get()));
                    }
                }
            }
        }
    }

    static boolean hasNcciModifier(Line line) {
        for (ClaimView.Modifier modifier : line.modifiers()) {
            if (modifier.facts() != null && modifier.facts().ncciAssociated()) {
                return true;
            }
        }
        return false;
    }

    private static String message(Line column1, Line column2, PtpEdits.Edit edit) {
        String base = "Line " + column2.number() + ": " + column2.code() + " is bundled into " + column1.code()
                + " (line " + column1.number() + ") on " + column2.date() + " (NCCI edit, " + edit.rationale() + ")";
        if (edit.bypassable()) {
            return base + "; if it was a separate lesion or site, append XS (or 59) to line " + column2.number()
                    + ", otherwise remove it";
        }
        return base + "; this pair can never be billed together (modifier indicator 0): remove " + column2.code();
    }
}
