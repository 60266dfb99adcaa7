package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * EM-MULTIPLE: more than one E/M line on the same day (same date and rendering provider). Every
 * E/M after the first of its day is reported. One E/M per day per physician (domain doc section 6;
 * Claims Processing Manual ch. 12 §30.6.5; MUE of the E/M codes, section 1).
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
