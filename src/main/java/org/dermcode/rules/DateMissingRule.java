package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DATE-MISSING: a line with no date of service: no {@code servicedDate}, no
 * {@code servicedPeriod.start}, and no one-day {@code billablePeriod} to fall back on. Such a line
 * is left out of every same-day rule. Domain doc section 8 (every line carries its own DOS) and
 * section 4 (edits are per date of service).
 */
@Component
final class DateMissingRule implements ClaimRule {

    @Override
    public String id() {
        return "DATE-MISSING";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (line.date() == null) {
                findings.add(id(), line.index(), line.path(), "Line " + line.number()
                        + (line.hasCode() ? " (" + line.code() + ")" : "") + " has no date of service; add"
                        + " item.servicedDate (the same-day checks skip this line until it has one)");
            }
        }
    }
}
