package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DATE-FUTURE: a line's own date of service ({@code servicedDate} or {@code servicedPeriod.start})
 * after the date the claim was created: a service cannot be billed before it is given. Not checked
 * when {@code Claim.created} is absent, nor on a preauthorization or predetermination, which
 * describes services still to come. Domain doc section 8 (claim format conventions).
 */
@Component
final class DateFutureRule implements ClaimRule {

    @Override
    public String id() {
        return "DATE-FUTURE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        if (claim.created() == null || claim.beforeService()) {
            return;
        }
        for (Line line : claim.lines()) {
            if (line.dateElement() == null || line.date() == null || !line.date().isAfter(claim.created())) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + "." + line.dateElement(), "Line " + line.number()
                    + (line.hasCode() ? " (" + line.code() + ")" : "") + " is dated " + line.date()
                    + ", after the claim was created (" + claim.created() + "); a service cannot be billed before it"
                    + " is given: correct the date of service");
        }
    }
}
