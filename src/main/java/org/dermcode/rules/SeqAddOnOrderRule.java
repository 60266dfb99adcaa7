package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-ADDON-ORDER: an add-on code must be listed after (ideally right after) its primary
 * procedure. Reported when an add-on line comes before every eligible primary ({@code addOnTo})
 * billed on the same day (same date and rendering provider). Domain doc section 8 (line order)
 * and section 2.1.
 */
@Component
final class SeqAddOnOrderRule implements ClaimRule {

    @Override
    public String id() {
        return "SEQ-ADDON-ORDER";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line addOn : claim.lines()) {
            if (!addOn.isAddOn() || addOn.facts().primaries().isEmpty()) {
                continue;
            }
            List<Line> primaries = claim.sameDay(addOn).stream()
                    .filter(other -> other != addOn && other.code() != null && addOn.facts().primaries().contains(other.code()))
                    .toList();
            if (primaries.isEmpty() || primaries.stream().anyMatch(p -> p.index() < addOn.index())) {
                continue;
            }
            Line primary = primaries.get(0);
            findings.add(id(), addOn.index(), addOn.path(), "Line " + addOn.number() + ": add-on code "
                    + addOn.code() + " is listed before its primary procedure " + primary.code() + " (line "
                    + primary.number() + ") on " + addOn.date() + "; move the add-on to right after line "
                    + primary.number());
        }
    }
}
