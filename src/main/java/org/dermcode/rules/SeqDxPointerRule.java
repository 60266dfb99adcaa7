package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * SEQ-DX-POINTER: a diagnosis pointer ({@code item.diagnosisSequence}) must name an existing
 * {@code Claim.diagnosis.sequence}, and a line takes at most 4 pointers (CMS-1500 box 24E, 837P
 * SV107). One finding per bad pointer. Domain doc section 8.
 */
@Component
final class SeqDxPointerRule implements ClaimRule {

    static final int MAX_POINTERS = 4;

    @Override
    public String id() {
        return "SEQ-DX-POINTER";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            List<Integer> pointers = line.diagnosisPointers();
            for (int k = 0; k < pointers.size(); k++) {
                Integer pointer = pointers.get(k);
                boolean dangling = pointer == null || claim.diagnosisBySequence(pointer) == null;
                boolean tooMany = k >= MAX_POINTERS;
                if (!dangling && !tooMany) {
                    continue;
                }
                StringBuilder message = new StringBuilder("Line " + line.number()
                        + (line.hasCode() ? " (" + line.code() + ")" : "") + ": diagnosis pointer " + (k + 1));
                if (dangling) {
                    message.append(pointer == null ? " has no value" : " points at diagnosis " + pointer
                            + ", which the claim does not have");
                }
                if (tooMany) {
                    message.append(dangling ? ", and it" : "").append(" is more than the " + MAX_POINTERS
                            + " pointers a line can carry");
                }
                message.append(tooMany ? "; keep at most " + MAX_POINTERS + " pointers, the primary reason first"
                        : "; point at one of the listed diagnoses (Claim.diagnosis.sequence)");
                findings.add(id(), line.index(), line.path() + ".diagnosisSequence[" + k + "]", message.toString());
            }
        }
    }
}
