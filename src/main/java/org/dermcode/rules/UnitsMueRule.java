package org.dermcode.rules;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.springframework.stereotype.Component;

/**
 * UNITS-MUE: the units of one code on one day (same date and rendering provider), summed over its
 * lines in claim order, exceed the code's Medically Unlikely Edit. Reported once, on the line
 * where the running sum first goes over. MAI 2 (policy, absolute) is an error; MAI 3 (clinical,
 * payable on appeal) a warning. Where the code set has a code for the larger count
 * ({@code largerCode}: 17003 -> 17004, 17110 -> 17111), the message names it. Domain doc section 4
 * (values in section 1; summing rule in section 8; series in section 2.3).
 */
@Component
final class UnitsMueRule implements ClaimRule {

    private final CodeFactsRegistry registry;

    UnitsMueRule(CodeFactsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String id() {
        return "UNITS-MUE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            Map<String, BigDecimal> sums = new HashMap<>();
            Set<String> reported = new HashSet<>();
            for (Line line : day) {
                if (!line.isHosted() || line.facts().mueUnits() == null || reported.contains(line.code())) {
                    continue;
                }
                BigDecimal sum = sums.merge(line.code(), line.units(), BigDecimal::add);
                BigDecimal mue = BigDecimal.valueOf(line.facts().mueUnits());
                if (sum.compareTo(mue) > 0) {
                    reported.add(line.code());
                    boolean policy = !"3".equals(line.facts().mueAdjudication());
                    findings.add(id(), policy ? IssueSeverity.ERROR : IssueSeverity.WARNING, line.index(),
                            line.path() + ".quantity", message(line, sum, mue, policy));
                }
            }
        }
    }

    private String message(Line line, BigDecimal sum, BigDecimal mue, boolean policy) {
        String base = "Line " + line.number() + ": " + line.code() + " reaches " + sum.stripTrailingZeros().toPlainString()
                + " units on " + line.date() + " (all its lines that day) but its medically unlikely edit (MUE) is "
                + mue + " per day (" + (line.facts().ncciRelease() == null ? "NCCI MUE"
                        : line.facts().ncciRelease().label("MUE")) + ")";
        if (policy) {
            String mai = line.facts().mueAdjudication() == null ? "" : " with MAI " + line.facts().mueAdjudication();
            return base + mai + " (a CMS policy limit: units above it are"
                    + " never paid and modifiers do not help); reduce the units to " + mue + larger(line)
                    + ", or correct the code";
        }
        return base + " with MAI 3 (a clinical limit: units above it are denied but can be paid on appeal with"
                + " documentation); check the units" + larger(line) + ", and keep the records that support them";
    }

    /** " (for a count above what 17003 covers, bill 17004: ... instead)", when the code set has that code. */
    private String larger(Line line) {
        String code = line.facts().largerCode();
        if (code == null) {
            return "";
        }
        String display = registry.code(code).map(CodeFacts::display).orElse(null);
        return " (for a count above what " + line.code() + " covers, bill " + code
                + (display == null ? "" : ", " + display + ",") + " instead)";
    }
}
