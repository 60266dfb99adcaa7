package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DRUG-WITHOUT-PROCEDURE: a drug that is billed with a procedure ({@code requiresProcedure}, e.g.
 * J7308 aminolevulinic acid with photodynamic therapy 96567) without any of those procedures on the
 * same day (same date and rendering provider). Lines without a date are not checked. Domain doc
 * section 7 (96567 + J7308) and section 1.
 */
@Component
final class DrugWithoutProcedureRule implements ClaimRule {

    @Override
    public String id() {
        return "DRUG-WITHOUT-PROCEDURE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line drug : claim.lines()) {
            if (!drug.isHosted() || drug.facts().requiresProcedure().isEmpty() || drug.date() == null) {
                continue;
            }
            boolean procedureBilled = claim.sameDay(drug).stream()
                    .anyMatch(other -> other != drug && other.code() != null && drug.facts().requiresProcedure().contains(other.code()));
            if (!procedureBilled) {
                findings.add(id(), drug.index(), drug.path() + ".productOrService", "Line " + drug.number() + ": drug "
                        + drug.code() + " is billed on " + drug.date() + " without the procedure it is given with ("
                        + String.join(", ", drug.facts().requiresProcedure()) + ") by the same provider that day;"
                        + " add the procedure line or check the drug code and date");
            }
        }
    }
}
