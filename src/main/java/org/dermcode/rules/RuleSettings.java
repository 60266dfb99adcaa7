package org.dermcode.rules;

/**
 * The settings of rules whose limits differ by payer ({@code dermcode.rules.*}).
 *
 * @param timelyFilingMonths how long after the date of service a claim may be filed: 12 for
 *     Medicare (42 CFR 424.44), often less (90 to 365 days) for commercial payers
 */
public record RuleSettings(int timelyFilingMonths) {

    /** Medicare's limits. */
    public static final RuleSettings MEDICARE = new RuleSettings(12);

    public RuleSettings {
        if (timelyFilingMonths < 1) {
            throw new IllegalArgumentException("dermcode.rules.timely-filing-months must be at least 1, not "
                    + timelyFilingMonths);
        }
    }
}
