package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-LIMIT: more than four modifiers on a line; CMS-1500 box 24D and 837P SV101-3..6 carry four
 * (domain doc section 5, MOD-12). Reported once, at the fifth modifier.
 */
@Component
final class ModLimitRule implements ClaimRule {

    static final int MAX_MODIFIERS = 4;

    @Override
    public String id() {
        return "MOD-LIMIT";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (line.modifiers().size() <= MAX_MODIFIERS) {
                continue;
            }
            List<String> codes = new ArrayList<>();
            for (Modifier modifier : line.modifiers()) {
                codes.add(modifier.code());
            }
            findings.add(id(), line.index(), line.path() + ".modifier[" + MAX_MODIFIERS + "]", "Line "
                    + line.number() + (line.hasCode() ? " (" + line.code() + ")" : "") + " has "
                    + codes.size() + " modifiers (" + String.join(", ", codes) + "); a claim line takes at most "
                    + MAX_MODIFIERS + ": keep the pricing and payment modifiers and drop "
                    + String.join(", ", codes.subList(MAX_MODIFIERS, codes.size())) + " or the least important");
        }
    }
}
