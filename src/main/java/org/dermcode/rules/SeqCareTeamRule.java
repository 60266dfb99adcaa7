package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.springframework.stereotype.Component;

/**
 * SEQ-CARETEAM: a line's {@code careTeamSequence} must point at an existing
 * {@code Claim.careTeam.sequence} (the rendering provider, CMS-1500 box 24J). One finding per
 * dangling pointer. Domain doc section 8 (same rendering provider conventions).
 */
@Component
final class SeqCareTeamRule implements ClaimRule {

    @Override
    public String id() {
        return "SEQ-CARETEAM";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        List<Claim.CareTeamComponent> careTeam = claim.claim().getCareTeam();
        for (Line line : claim.lines()) {
            List<PositiveIntType> pointers = line.item().getCareTeamSequence();
            for (int k = 0; k < pointers.size(); k++) {
                Integer pointer = pointers.get(k).getValue();
                if (pointer != null && careTeam.stream()
                        .anyMatch(m -> m.hasSequenceElement() && m.getSequence() == pointer)) {
                    continue;
                }
                findings.add(id(), line.index(), line.path() + ".careTeamSequence[" + k + "]", "Line "
                        + line.number() + (line.hasCode() ? " (" + line.code() + ")" : "") + ": care team pointer "
                        + (k + 1) + (pointer == null ? " has no value" : " points at care team member " + pointer
                        + ", which the claim does not list") + "; point at the rendering provider's Claim.careTeam"
                        + " sequence");
            }
        }
    }
}
