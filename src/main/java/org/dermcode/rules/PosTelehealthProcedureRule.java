package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * POS-TELEHEALTH-PROCEDURE: a hosted procedure (not an E/M, not a drug, not G2211) whose place of
 * service is telehealth (the place-of-service property {@code telehealth}: 02, 10). A biopsy, a
 * destruction or an excision needs the patient in the room; skin procedures are not on the
 * Medicare telehealth list (domain doc section 13).
 */
@Component
final class PosTelehealthProcedureRule implements ClaimRule {

    @Override
    public String id() {
        return "POS-TELEHEALTH-PROCEDURE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || !line.facts().isProcedure() || line.placeOfService() == null
                    || !line.placeOfService().telehealth()) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".locationCodeableConcept", "Line " + line.number() + ": "
                    + line.code() + " is a procedure billed at place of service " + line.placeOfService().code()
                    + " (telehealth), but it cannot be furnished by telehealth; bill it at the place where it was"
                    + " done (11 for the office), or remove it if only a virtual visit took place");
        }
    }
}
