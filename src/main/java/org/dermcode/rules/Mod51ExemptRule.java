package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-51-EXEMPT: modifier 51 on a hosted code (not an add-on, not an E/M) whose PFS
 * multiple-procedure indicator is 0, i.e. no reduction applies: 17004, pathology, 96900, 96910,
 * 96567 (domain doc section 0.3; section 1, "51 / MPPR"; section 5, MOD-03). 51 on an E/M is
 * MOD-NOT-ON-EM's, on an add-on MOD-51-ADDON's.
 */
@Component
final class Mod51ExemptRule implements ClaimRule {

    static final String NO_REDUCTION = "0";

    @Override
    public String id() {
        return "MOD-51-EXEMPT";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || line.isAddOn() || line.isEm()
                    || !NO_REDUCTION.equals(line.facts().multipleProcedure())) {
                continue;
            }
            for (Modifier modifier : line.modifiers()) {
                if (modifier.code().equals(Modifiers.MULTIPLE_PROCEDURES)) {
                    findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                            + line.number() + ": " + line.code() + " is not subject to the multiple-procedure"
                            + " reduction (indicator 0 in the " + line.facts().feeScheduleLabel() + "), so modifier 51 does not apply; remove it");
                    break;
                }
            }
        }
    }
}
