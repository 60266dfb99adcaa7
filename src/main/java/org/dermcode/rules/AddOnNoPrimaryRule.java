package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * ADDON-NO-PRIMARY: an add-on code whose NCCI add-on edit (Type 1) lists primaries, none of which
 * is billed on the same day (same date and rendering provider). The primaries are those of the NCCI
 * add-on edits in force and those the code's own descriptor names ({@code descriptorAddOnTo}: G2211
 * with the office/outpatient visits 99202-99215, whatever the NCCI file of the day lists). Lines
 * without a date are not checked. Domain doc section 2.1 and section 8.
 */
@Component
final class AddOnNoPrimaryRule implements ClaimRule {

    @Override
    public String id() {
        return "ADDON-NO-PRIMARY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line addOn : claim.lines()) {
            if (!addOn.isAddOn() || addOn.facts().primaries().isEmpty() || addOn.date() == null) {
                continue;
            }
            boolean primaryBilled = claim.sameDay(addOn).stream()
                    .anyMatch(other -> other != addOn && other.code() != null && addOn.facts().primaries().contains(other.code()));
            if (!primaryBilled) {
                findings.add(id(), addOn.index(), addOn.path() + ".productOrService", "Line " + addOn.number() + ": "
                        + "add-on code " + addOn.code() + " is billed on " + addOn.date() + " without its primary"
                        + " procedure (one of " + String.join(", ", addOn.facts().primaries())
                        + (addOn.facts().descriptorAddOnTo().isEmpty() ? " in the " : ", by its descriptor and the ")
                        + (addOn.facts().ncciRelease() == null ? "NCCI" : addOn.facts().ncciRelease().label("add-on"))
                        + " edits) by the same"
                        + " provider that day; add-on codes are not paid alone: add the primary procedure or"
                        + " correct the code");
            }
        }
    }
}
