package org.dermcode.rules;

import java.math.BigDecimal;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * EM-MULTIPLE: more than one E/M visit on the same day (same date and rendering provider), counted
 * in units: one E/M line with 2 units is two visits. Every E/M line after the first of its day is
 * reported at its code; a first line with more than one unit is reported at its quantity. One E/M
 * per day per physician (domain doc section 6; Claims Processing Manual ch. 12 sec. 30.6.5 and
 * 30.6.7.B; MUE of the E/M codes, section 1).
 */
@Component
final class EmMultipleRule implements ClaimRule {

    @Override
    public String id() {
        return "EM-MULTIPLE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            Line first = null;
            for (Line line : day) {
                if (!line.isEm()) {
                    continue;
                }
                if (first == null) {
                    first = line;
                    if (line.units().compareTo(BigDecimal.ONE) > 0) {
                        findings.add(id(), line.index(), line.path() + ".quantity", "Line " + line.number() + ": "
                                + line.code() + " is billed with " + line.units().stripTrailingZeros().toPlainString()
                                + " units on " + line.date() + ", that is more than one office visit for the same"
                                + " provider that day; bill one E/M per day with 1 unit, at the level of all the"
                                + " day's work");
                    }
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                        + line.code() + " is a second office visit on " + line.date() + " for the same provider (visit "
                        + first.code() + " is already billed on line " + first.number() + "); bill one E/M per day:"
                        + " remove line " + line.number() + " or fold its work into the level of line "
                        + first.number());
            }
        }
    }
}
