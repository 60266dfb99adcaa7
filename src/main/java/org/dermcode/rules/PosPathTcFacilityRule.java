package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * POS-PATH-TC-FACILITY: a code with a technical component (PC/TC indicator 1: the pathology codes
 * 88304, 88305, 88312, 88341, 88342) billed global (neither 26 nor TC) or with TC for a patient at
 * a hospital place of service ({@code hospitalSetting}: 19, 21, 22, 23). Since 2012-07-01 the
 * hospital bills the technical component of pathology for its patients; the physician bills 26
 * (domain doc section 13).
 */
@Component
final class PosPathTcFacilityRule implements ClaimRule {

    @Override
    public String id() {
        return "POS-PATH-TC-FACILITY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || !ModPctcRule.SPLITS.equals(line.facts().pctc()) || line.placeOfService() == null
                    || !line.placeOfService().hospital() || line.hasModifier(Modifiers.PROFESSIONAL_COMPONENT)) {
                continue;
            }
            String billed = line.hasModifier(Modifiers.TECHNICAL_COMPONENT) ? "the technical component (TC)"
                    : "globally (no 26 or TC)";
            findings.add(id(), line.index(), line.path() + ".locationCodeableConcept", "Line " + line.number() + ": "
                    + line.code() + " is billed " + billed + " for a patient at place of service "
                    + line.placeOfService().code() + " (hospital); the hospital bills the technical component there:"
                    + " bill the professional component with modifier 26");
        }
    }
}
