package org.dermcode.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.knowledge.PtpPair;
import org.springframework.stereotype.Component;

/**
 * PTP-BUNDLED: an NCCI procedure-to-procedure pair billed on one day, judged by the NCCI release
 * that covers the pair on that date (named in the message). Indicator 0 is never bypassable;
 * indicator 1 is bypassed by an NCCI-associated modifier on either line. Reported on the column 2
 * line, which is the one the payer denies; for a pair whose column order was guessed from the RVUs
 * ({@code rvu-guess}) the message says only that the two codes are a pair and which one is probably
 * denied.
 *
 * <p>The fix depends on the pair. Two procedures: XS (or 59) on the column 2 line for a separate
 * lesion or site. A visit (E/M) and a procedure: 25 on the visit (57 when a partner has a 090
 * global), never 59/X, reported once per visit line with all its partners; and not at all when
 * MOD-25-MISSING or MOD-57-MISSING already reports that visit, which says the same once. Two visits: left to
 * EM-MULTIPLE, which reports the second visit.
 */
@Component
final class PtpBundledRule implements ClaimRule {

    private final Knowledge knowledge;

    PtpBundledRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "PTP-BUNDLED";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            Map<Line, List<Line>> visitPartners = null;
            for (Line a : day) {
                for (Line b : day) {
                    if (a.index() >= b.index() || !a.hasCode() || !b.hasCode()) {
                        continue;
                    }
                    Optional<PtpPair> pair = knowledge.ptp(a.code(), b.code(), a.date());
                    if (pair.isEmpty() || (pair.get().bypassable() && (hasNcciModifier(a) || hasNcciModifier(b)))) {
                        continue;
                    }
                    Line column2 = pair.get().column2().equals(a.code()) ? a : b;
                    Line column1 = column2 == a ? b : a;
                    if (column1.isEm() && column2.isEm()) {
                        continue; // two visits on one day: EM-MULTIPLE
                    }
                    if (pair.get().bypassable() && (column1.isEm() || column2.isEm())) {
                        Line visit = column2.isEm() ? column2 : column1;
                        if (!Mod25MissingRule.reports(claim, visit) && !Mod57MissingRule.reports(claim, visit, knowledge)) {
                            if (visitPartners == null) {
                                visitPartners = new LinkedHashMap<>();
                            }
                            visitPartners.computeIfAbsent(visit, l -> new ArrayList<>()).add(visit == column2 ? column1
                                    : column2);
                        }
                        continue;
                    }
                    findings.add(id(), column2.index(), column2.path() + ".productOrService", message(column1,
                            column2, pair.get()));
                }
            }
            if (visitPartners != null) {
                visitPartners.forEach((visit, partners) -> findings.add(id(), visit.index(),
                        visit.path() + ".productOrService", visitMessage(visit, partners)));
            }
        }
    }

    /** One message for a visit and its procedure partners: the bypass of a visit is 25 (or 57) on the visit line. */
    private String visitMessage(Line visit, List<Line> partners) {
        List<String> named = new ArrayList<>();
        java.util.Set<String> releases = new java.util.TreeSet<>();
        boolean major = false;
        for (Line partner : partners) {
            named.add(partner.code() + " (line " + partner.number() + ")");
            knowledge.ptp(visit.code(), partner.code(), visit.date()).ifPresent(p -> releases.add(p.release().label("PTP")));
            major |= GlobalPeriods.MAJOR.equals(GlobalPeriods.globalDays(partner, knowledge));
        }
        String fix = major
                ? "append modifier 57 to line " + visit.number() + " if the visit was where the major surgery was"
                        + " decided (25 if it was a significant, separately identifiable visit for another problem)"
                : "append modifier 25 to line " + visit.number() + " if the visit was significant and separately"
                        + " identifiable";
        return "Line " + visit.number() + ": " + visit.code() + " is bundled with " + String.join(", ", named)
                + " on " + visit.date() + " (" + String.join(", ", releases) + ": edits between a visit and procedures); "
                + fix
                + ", otherwise remove the visit (59 and X modifiers are not for office visits)";
    }

    static boolean hasNcciModifier(Line line) {
        for (ClaimView.Modifier modifier : line.modifiers()) {
            if (modifier.facts() != null && modifier.facts().ncciAssociated()) {
                return true;
            }
        }
        return false;
    }

    private static String message(Line column1, Line column2, PtpPair pair) {
        String source = " (" + pair.release().label("PTP") + ", " + pair.rationale() + ")";
        if (pair.orderGuessed()) {
            String base = "Line " + column2.number() + ": " + column2.code() + " and " + column1.code() + " (line "
                    + column1.number() + ") are an NCCI procedure-to-procedure pair on " + column2.date() + source
                    + ": one of them is denied, probably the lower-valued " + column2.code();
            if (pair.bypassable()) {
                return base + "; if they were separate lesions or sites, append XS (or 59) to one of the lines,"
                        + " otherwise remove one of them";
            }
            return base + "; this pair can never be billed together (modifier indicator 0): remove one of them";
        }
        String base = "Line " + column2.number() + ": " + column2.code() + " is bundled into " + column1.code()
                + " (line " + column1.number() + ") on " + column2.date() + source;
        if (pair.bypassable()) {
            return base + "; if it was a separate lesion or site, append XS (or 59) to line " + column2.number()
                    + ", otherwise remove it";
        }
        return base + "; this pair can never be billed together (modifier indicator 0): remove " + column2.code();
    }
}
