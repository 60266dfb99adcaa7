package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * G2211-WITH-25: an add-on that is not paid beside a visit carrying modifier 25 (the codes with
 * {@code with25PayableFrom}: G2211) billed on the same day as an office/outpatient E/M of the same
 * provider with 25 (a hosted E/M, or one of the add-on's primaries of that date, hosted or not: the
 * home visits 99341-99350 from 2026). CMS does not pay G2211 then (CY2024 PFS final rule). From its
 * {@code with25PayableFrom} date (2025-01-01, CY2025 PFS) it is payable when the 25 is for one of
 * the services of {@code with25PayableAlongside} (annual wellness visit, vaccine administration,
 * Part B preventive services) billed that day, hosted or not, and no procedure with a global
 * period of its own (000, 010, 090: the hosted code's, or the fee schedule's for a code not hosted)
 * is billed that day: a minor procedure still makes G2211 unpayable, as the 25 is then (also) for
 * the procedure. Reported on the add-on line. Domain doc section 0.9, section 5 (MOD-15) and
 * section 13.
 */
@Component
final class G2211With25Rule implements ClaimRule {

    private final Knowledge knowledge;

    G2211With25Rule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "G2211-WITH-25";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line addOn : claim.lines()) {
            if (!addOn.isHosted() || addOn.facts().with25PayableFrom() == null || addOn.date() == null) {
                continue;
            }
            Line visit = null;
            Line procedure = null;
            boolean exception = false;
            List<String> primaries = addOn.facts().primaries();
            for (Line other : claim.sameDay(addOn)) {
                boolean isVisit = other.isEm() || (other.hasCode() && primaries.contains(other.code()));
                if (isVisit && visit == null && other.hasModifier(Modifiers.SIGNIFICANT_SEPARATE_EM)) {
                    visit = other;
                }
                boolean alongside = other.hasCode() && addOn.facts().with25PayableAlongside().contains(other.code());
                exception |= alongside;
                if (procedure == null && !alongside && other != addOn && !other.isAddOn()
                        && GlobalPeriods.isSurgicalGlobal(GlobalPeriods.globalDays(other, knowledge))) {
                    procedure = other;
                }
            }
            if (visit == null) {
                continue;
            }
            boolean relaxed = !addOn.date().isBefore(addOn.facts().with25PayableFrom());
            if (relaxed && exception && procedure == null) {
                continue;
            }
            findings.add(id(), addOn.index(), addOn.path() + ".productOrService", "Line " + addOn.number() + ": "
                    + addOn.code() + " is billed on " + addOn.date() + " with " + visit.code() + "-25 (line "
                    + visit.number() + "), and Medicare does not pay " + addOn.code() + " when the visit carries"
                    + " modifier 25" + (!relaxed ? " (dates before " + addOn.facts().with25PayableFrom() + ")"
                            : !exception ? " unless the 25 is for an annual wellness visit, a vaccine"
                                    + " administration or a Part B preventive service billed that day (none is on the claim)"
                            : " for a procedure: " + procedure.code() + " (line " + procedure.number() + ") is billed"
                                    + " that day, so the 25 is not only for the wellness visit, vaccine or preventive service")
                    + "; remove " + addOn.code() + ", or reconsider the 25 if no procedure made the visit separate");
        }
    }
}
