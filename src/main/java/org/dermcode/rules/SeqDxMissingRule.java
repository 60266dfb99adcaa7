package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-DX-MISSING: every line needs at least one diagnosis pointer ({@code item.diagnosisSequence},
 * CMS-1500 box 24E; the first pointer is the primary reason for the line). Domain doc section 8.
 */
@Component
final class SeqDxMissingRule implements ClaimRule {

    @Override
    public String id() {
        return "SEQ-DX-MISSING";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (line.diagnosisPointers().isEmpty()) {
                findings.add(id(), line.index(), line.path(), "Line " + line.number()
                        + (line.hasCode() ? " (" + line.code() + ")" : "") + " points at no diagnosis; add"
                        + " item.diagnosisSequence with the sequence of the diagnosis that justifies it (first pointer"
                        + " = primary reason)");
            }
        }
    }
}
