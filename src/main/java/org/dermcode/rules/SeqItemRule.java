package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-ITEM: {@code item.sequence} must number the lines 1, 2, 3... in document order; a duplicate,
 * a gap or an out-of-order number is reported on the line that carries it. Domain doc section 8
 * (claim sequencing conventions).
 */
@Component
final class SeqItemRule implements ClaimRule {

    @Override
    public String id() {
        return "SEQ-ITEM";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            boolean present = line.item().hasSequenceElement() && line.item().getSequenceElement().getValue() != null;
            if (present && line.item().getSequence() == line.number()) {
                continue;
            }
            String found = present ? "item.sequence " + line.item().getSequence() : "no item.sequence";
            findings.add(id(), line.index(), line.path() + ".sequence", "Line " + line.number()
                    + (line.hasCode() ? " (" + line.code() + ")" : "") + " has " + found + "; number the lines"
                    + " 1, 2, 3... in the order they are listed: set it to " + line.number());
        }
    }
}
