package org.dermcode.rules;

import java.util.HashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.springframework.stereotype.Component;

/**
 * SEQ-DX-COUNT: a claim carries at most 12 diagnoses (CMS-1500 box 21 A-L) with distinct
 * sequences. Each diagnosis after the 12th and each repeated {@code diagnosis.sequence} is reported
 * (claim level). Domain doc section 8.
 */
@Component
final class SeqDxCountRule implements ClaimRule {

    static final int MAX_DIAGNOSES = 12;

    @Override
    public String id() {
        return "SEQ-DX-COUNT";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        Set<Integer> seen = new HashSet<>();
        for (Diagnosis dx : claim.diagnoses()) {
            boolean repeated = dx.sequence() != null && !seen.add(dx.sequence());
            boolean tooMany = dx.index() >= MAX_DIAGNOSES;
            if (!repeated && !tooMany) {
                continue;
            }
            String name = "Diagnosis " + (dx.index() + 1) + (dx.icdCode() == null ? "" : " (" + dx.icdCode() + ")");
            String message;
            if (tooMany) {
                message = name + " is more than the " + MAX_DIAGNOSES + " diagnoses a claim can carry"
                        + (repeated ? " and repeats sequence " + dx.sequence() : "")
                        + "; keep the 12 that the lines point at, or split the claim";
            } else {
                message = name + " repeats diagnosis sequence " + dx.sequence() + "; give each diagnosis its own"
                        + " sequence (1, 2, 3...) and fix the line pointers";
            }
            findings.add(id(), Finding.CLAIM_LEVEL, dx.path(), message);
        }
    }
}
