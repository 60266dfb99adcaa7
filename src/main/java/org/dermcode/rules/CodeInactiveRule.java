package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * CODE-INACTIVE: a hosted code billed for a date before its effectiveDate or on/after its
 * retirementDate, e.g. 99201 (deleted 2021-01-01, domain doc sections 0.1 and 6) or 11100/11101
 * (replaced by 11102-11107 on 2019-01-01, section 1). Lines without a date are skipped.
 */
@Component
final class CodeInactiveRule implements ClaimRule {

    @Override
    public String id() {
        return "CODE-INACTIVE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || line.date() == null || line.facts().isEffectiveOn(line.date())) {
                continue;
            }
            CodeFacts facts = line.facts();
            String why = facts.retirementDate() != null && !line.date().isBefore(facts.retirementDate())
                    ? "was deleted on " + facts.retirementDate()
                    : "only took effect on " + facts.effectiveDate();
            findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                    + line.code() + " " + why + " and is not valid for the date of service " + line.date()
                    + "; bill the code that was current on " + line.date() + " for this service instead");
        }
    }
}
