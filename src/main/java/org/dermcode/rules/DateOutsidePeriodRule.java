package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DATE-OUTSIDE-PERIOD: a line's own date of service ({@code servicedDate} or
 * {@code servicedPeriod.start}) before {@code billablePeriod.start} or after
 * {@code billablePeriod.end} (either bound may be absent). Lines dated only through the billable
 * period are not checked. Domain doc section 8 (claim format conventions).
 */
@Component
final class DateOutsidePeriodRule implements ClaimRule {

    @Override
    public String id() {
        return "DATE-OUTSIDE-PERIOD";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (line.dateElement() == null || line.date() == null) {
                continue;
            }
            boolean before = claim.periodStart() != null && line.date().isBefore(claim.periodStart());
            boolean after = claim.periodEnd() != null && line.date().isAfter(claim.periodEnd());
            if (before || after) {
                findings.add(id(), line.index(), line.path() + "." + line.dateElement(), "Line " + line.number()
                        + (line.hasCode() ? " (" + line.code() + ")" : "") + " is dated " + line.date() + ", "
                        + (before ? "before the billing period starts (" + claim.periodStart() + ")"
                                : "after the billing period ends (" + claim.periodEnd() + ")")
                        + "; correct the date of service or the claim's billablePeriod");
            }
        }
    }
}
