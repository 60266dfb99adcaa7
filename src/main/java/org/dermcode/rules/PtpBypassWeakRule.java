package org.dermcode.rules;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.knowledge.PtpPair;
import org.springframework.stereotype.Component;

/**
 * PTP-BYPASS-WEAK: an indicator-1 NCCI pair on one day whose only bypass is anatomic modifiers
 * (modifierRole {@code anatomic}) that do not show two sites: the same anatomic modifier on both
 * lines, or anatomic modifiers on one line only. Any other NCCI-associated modifier (59, X{EPSU},
 * 25, 57, 24, 58, 78, 79, 27, 91) on either line, or different anatomic modifiers on the two lines,
 * is a bypass without a warning. The pairs are those of the NCCI release covering them on the
 * line's date. Reported on the column 2 line; a visit whose 25 is missing is left
 * to MOD-25-MISSING. NCCI Policy Manual ch. I (anatomic modifiers show a separate site; domain doc
 * section 13). How Medicare's editor treats the same anatomic modifier on both lines is unconfirmed,
 * hence a warning.
 */
@Component
final class PtpBypassWeakRule implements ClaimRule {

    static final String ROLE_ANATOMIC = "anatomic";

    private final Knowledge knowledge;

    PtpBypassWeakRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "PTP-BYPASS-WEAK";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            for (Line a : day) {
                for (Line b : day) {
                    if (a.index() >= b.index() || !a.hasCode() || !b.hasCode()) {
                        continue;
                    }
                    Optional<PtpPair> edit = knowledge.ptp(a.code(), b.code(), a.date());
                    if (edit.isEmpty() || !edit.get().bypassable() || otherBypass(a) || otherBypass(b)) {
                        continue;
                    }
                    Set<String> sitesA = anatomic(a);
                    Set<String> sitesB = anatomic(b);
                    if (sitesA.isEmpty() && sitesB.isEmpty()) {
                        continue; // not bypassed at all: PTP-BUNDLED
                    }
                    boolean twoSites = !sitesA.isEmpty() && !sitesB.isEmpty() && Collections.disjoint(sitesA, sitesB);
                    if (twoSites) {
                        continue;
                    }
                    Line column2 = edit.get().column2().equals(a.code()) ? a : b;
                    Line column1 = column2 == a ? b : a;
                    if ((a.isEm() && Mod25MissingRule.reports(claim, a)) || (b.isEm() && Mod25MissingRule.reports(claim, b))) {
                        continue; // the visit's missing 25 is reported once, by MOD-25-MISSING
                    }
                    findings.add(id(), column2.index(), column2.path() + ".productOrService", message(column1, column2,
                            sitesA.isEmpty() || sitesB.isEmpty()));
                }
            }
        }
    }

    private static String message(Line column1, Line column2, boolean oneLineOnly) {
        String why = oneLineOnly ? "an anatomic modifier on one of the two lines only"
                : "the same anatomic modifier on both lines";
        String base = "Line " + column2.number() + ": " + column2.code() + " and " + column1.code() + " (line "
                + column1.number() + ") are an NCCI pair on " + column2.date() + " bypassed only by " + why
                + ", which does not show two sites";
        if (column1.isEm() || column2.isEm()) {
            Line visit = column2.isEm() ? column2 : column1;
            return base + "; a visit and a procedure are bypassed by modifier 25 on the visit (line " + visit.number()
                    + ") when the visit was significant and separately identifiable";
        }
        return base + "; if they were separate lesions, put XS (or 59) on line " + column2.number()
                + ", or the anatomic modifier of each site on each line, otherwise remove line " + column2.number();
    }

    private static Set<String> anatomic(Line line) {
        Set<String> sites = new TreeSet<>();
        for (Modifier modifier : line.modifiers()) {
            if (modifier.facts() != null && ROLE_ANATOMIC.equals(modifier.facts().modifierRole())) {
                sites.add(modifier.code());
            }
        }
        return sites;
    }

    /** An NCCI-associated modifier other than an anatomic one: a bypass this rule does not question. */
    private static boolean otherBypass(Line line) {
        for (Modifier modifier : line.modifiers()) {
            if (modifier.facts() != null && modifier.facts().ncciAssociated()
                    && !ROLE_ANATOMIC.equals(modifier.facts().modifierRole())) {
                return true;
            }
        }
        return false;
    }
}
