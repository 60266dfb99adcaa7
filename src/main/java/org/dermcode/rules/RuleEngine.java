package org.dermcode.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dermcode.claim.ClaimView;

/** Runs every rule on a claim and orders the findings by line, then rule id, then expression. */
public final class RuleEngine {

    public static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::line)
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> f.expression() == null ? "" : f.expression());

    private final List<ClaimRule> rules;
    private final RuleCatalog catalog;

    public RuleEngine(List<ClaimRule> rules, RuleCatalog catalog) {
        Set<String> ids = new HashSet<>();
        for (ClaimRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalStateException("Two rules have the id " + rule.id());
            }
            catalog.get(rule.id());
        }
        this.rules = List.copyOf(rules);
        this.catalog = catalog;
    }

    public List<ClaimRule> rules() {
        return rules;
    }

    public List<Finding> run(ClaimView claim) {
        Findings findings = new Findings(catalog);
        for (ClaimRule rule : rules) {
            rule.check(claim, findings);
        }
        List<Finding> sorted = new ArrayList<>(findings.list());
        sorted.sort(ORDER);
        return sorted;
    }
}
