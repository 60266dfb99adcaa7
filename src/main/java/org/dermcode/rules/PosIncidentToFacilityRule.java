package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * POS-INCIDENT-TO-FACILITY: a code with PC/TC indicator 5 (incident-to: 96900, 96910, 96567) or a
 * drug, billed at a hospital place of service (the place-of-service property
 * {@code hospitalSetting}: 19, 21, 22, 23). Incident-to services and supplies are the hospital's
 * there: "Payment may not be made by A/B MACs for these services when they are provided to
 * hospital inpatients or patients in a hospital outpatient department" (PFS RVU file
 * documentation, PC/TC indicator 5; domain doc section 13).
 */
@Component
final class PosIncidentToFacilityRule implements ClaimRule {

    static final String INCIDENT_TO = "5";

    @Override
    public String id() {
        return "POS-INCIDENT-TO-FACILITY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || line.placeOfService() == null || !line.placeOfService().hospital()) {
                continue;
            }
            boolean drug = line.facts().isDrug();
            if (!drug && !INCIDENT_TO.equals(line.facts().pctc())) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".locationCodeableConcept", "Line " + line.number() + ": "
                    + line.code() + (drug ? " is a drug" : " is an incident-to service (PC/TC indicator 5)")
                    + " billed at place of service " + line.placeOfService().code() + " (hospital); there the"
                    + " hospital is paid for it, not the practitioner: remove the line from the professional claim,"
                    + " or correct the place of service if it was given in the office");
        }
    }
}
