package org.dermcode.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.dermcode.knowledge.FeeScheduleRow;
import org.springframework.stereotype.Component;

/**
 * SEQ-RVU-ORDER: on one day (same date and rendering provider), the procedures subject to the
 * multiple-procedure reduction (PFS indicator 2; add-ons, pathology, phototherapy and PDT have 0
 * and are not ranked) should be listed highest-valued first, as the payer ranks them. Ranked with
 * the non-facility or facility total RVUs as CMS's facility place-of-service list says (data of
 * the place-of-service CodeSystem; a line without a place of service counts as non-facility), of
 * the fee schedule in force on the line's date of service. A line with modifier 26 or TC on a code
 * with a professional/technical split is priced by that component's row of the fee schedule (its
 * indicator and RVUs); in the CY2024-CY2026 fee schedules every such code has indicator 0, so on
 * those dates a component line is never ranked.
 * Reported on a procedure worth more than one listed before it. A quality check, not a payment
 * rule. Domain doc section 8 (line order) and section 13 (place of service, pathology with 26).
 */
@Component
final class SeqRvuOrderRule implements ClaimRule {

    /** PFS multiple-procedure indicator 2: the standard reduction, ranked by value. */
    static final String REDUCED = "2";

    /** A ranked line with the RVUs it is ranked by and the component (26/TC) that priced it, or null. */
    private record Ranked(Line line, BigDecimal rvu, String component) {

        String named() {
            return component == null ? line.code() : line.code() + "-" + component;
        }
    }

    @Override
    public String id() {
        return "SEQ-RVU-ORDER";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            List<Ranked> earlier = null;
            for (Line line : day) {
                Ranked ranked = ranked(line);
                if (ranked == null) {
                    continue;
                }
                Ranked lower = null;
                if (earlier == null) {
                    earlier = new ArrayList<>(day.size());
                }
                for (Ranked before : earlier) {
                    if (ranked.rvu().compareTo(before.rvu()) > 0
                            && (lower == null || before.rvu().compareTo(lower.rvu()) < 0)) {
                        lower = before;
                    }
                }
                if (lower != null) {
                    findings.add(id(), line.index(), line.path(), message(ranked, lower));
                }
                earlier.add(ranked);
            }
        }
    }

    private static String message(Ranked ranked, Ranked lower) {
        Line line = ranked.line();
        return "Line " + line.number() + ": " + ranked.named() + " (" + ranked.rvu().toPlainString() + " RVUs"
                + componentText(ranked) + ") is listed after " + lower.named() + " (line " + lower.line().number()
                + ", " + lower.rvu().toPlainString() + " RVUs" + componentText(lower) + ") on " + line.date() + " ("
                + line.facts().feeScheduleLabel() + "); list the procedures of a day highest-valued first (move line "
                + line.number() + " above line " + lower.line().number() + ")";
    }

    private static String componentText(Ranked ranked) {
        if (ranked.component() == null) {
            return "";
        }
        return FeeScheduleRow.PROFESSIONAL.equals(ranked.component()) ? ", the professional component"
                : ", the technical component";
    }

    /**
     * A procedure subject to the multiple-procedure reduction with its ranking RVUs (those of its 26
     * or TC row when the line carries that modifier and the code splits), or null for any other line.
     */
    private static Ranked ranked(Line line) {
        if (!line.isHosted() || !line.facts().isProcedure() || line.facts().isAddOn()) {
            return null;
        }
        FeeScheduleRow component = null;
        for (Modifier modifier : line.modifiers()) {
            component = line.facts().component(modifier.code());
            if (component != null) {
                break;
            }
        }
        if (component != null) {
            return REDUCED.equals(component.multipleProcedure())
                    ? new Ranked(line, component.totalRvu(line.nonFacility()), component.modifier()) : null;
        }
        if (!REDUCED.equals(line.facts().multipleProcedure())) {
            return null;
        }
        BigDecimal rvu = line.facts().rankingRvu(line.nonFacility());
        return rvu == null ? null : new Ranked(line, rvu, null);
    }
}
