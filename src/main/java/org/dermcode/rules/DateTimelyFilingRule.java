package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DATE-TIMELY-FILING: {@code Claim.created} more than the filing limit (12 months for Medicare, 42
 * CFR 424.44; Claims Processing Manual ch. 1 sec. 70; the setting
 * {@code dermcode.rules.timely-filing-months}) after a line's date of service. Not checked without
 * {@code Claim.created}, nor on a preauthorization or predetermination, which is not a bill. A
 * warning: Medicare allows exceptions (administrative error, retroactive entitlement).
 */
@Component
final class DateTimelyFilingRule implements ClaimRule {

    private final RuleSettings settings;

    DateTimelyFilingRule(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return "DATE-TIMELY-FILING";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        if (claim.created() == null || claim.beforeService()) {
            return;
        }
        int months = settings.timelyFilingMonths();
        for (Line line : claim.lines()) {
            if (line.date() == null || !claim.created().isAfter(line.date().plusMonths(months))) {
                continue;
            }
            String expression = line.dateElement() != null ? line.path() + "." + line.dateElement()
                    : "Claim.billablePeriod";
            findings.add(id(), line.index(), expression, "Line " + line.number()
                    + (line.hasCode() ? " (" + line.code() + ")" : "") + " was given on " + line.date()
                    + " but the claim was created on " + claim.created() + ", more than " + months + " months later;"
                    + " claims filed after the limit are denied (Medicare: 12 months from the date of service, 42 CFR"
                    + " 424.44; other payers often less): check the date of service, file at once, and keep the"
                    + " proof of any exception (such as an administrative error or retroactive entitlement)");
        }
    }
}
