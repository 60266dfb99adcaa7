package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * MOD-51-ADDON: modifier 51 on an add-on code; add-ons are exempt from the multiple-procedure
 * reduction and never take 51 (domain doc section 1, "51 / MPPR"; section 5, MOD-03).
 */
@Component
final class Mod51AddonRule implements ClaimRule {

    @Override
    public String id() {
        return "MOD-51-ADDON";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isAddOn()) {
                continue;
            }
            for (Modifier modifier : line.modifiers()) {
                if (modifier.code().equals(Modifiers.MULTIPLE_PROCEDURES)) {
                    findings.add(id(), line.index(), line.path() + ".modifier[" + modifier.index() + "]", "Line "
                            + line.number() + ": " + line.code() + " is an add-on code, which is exempt from the"
                            + " multiple-procedure reduction; remove modifier 51");
                    break;
                }
            }
        }
    }
}
