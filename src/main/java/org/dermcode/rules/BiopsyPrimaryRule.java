package org.dermcode.rules;

import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * BIOPSY-PRIMARY: only one primary biopsy code (11102, 11104, 11106) per day; when several
 * techniques are used the primary is the highest in the hierarchy (incisional > punch >
 * tangential, the {@code biopsyRank} fact) and the other biopsies are reported with the add-on of
 * their technique. Every primary biopsy line ranked below the day's highest is reported. Domain doc
 * section 2.2.
 */
@Component
final class BiopsyPrimaryRule implements ClaimRule {

    @Override
    public String id() {
        return "BIOPSY-PRIMARY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            List<Line> biopsies = day.stream()
                    .filter(line -> line.isHosted() && line.facts().biopsyRank() != null)
                    .toList();
            if (biopsies.stream().map(Line::code).distinct().count() < 2) {
                continue;
            }
            Line top = biopsies.get(0);
            for (Line line : biopsies) {
                if (line.facts().biopsyRank() > top.facts().biopsyRank()) {
                    top = line;
                }
            }
            for (Line line : biopsies) {
                if (line.facts().biopsyRank() < top.facts().biopsyRank()) {
                    findings.add(id(), line.index(), line.path() + ".productOrService", message(line, top));
                }
            }
        }
    }

    private static String message(Line line, Line top) {
        String addOn = line.facts().biopsyAddOn();
        return "Line " + line.number() + ": " + line.code() + " is a second primary biopsy code on " + line.date()
                + "; only one primary biopsy is billed per encounter, the highest in the hierarchy (incisional >"
                + " punch > tangential): keep " + top.code() + " (line " + top.number() + ") as the primary and "
                + (addOn == null ? "report this biopsy with the matching add-on code"
                        : "report this biopsy with add-on " + addOn + " instead of " + line.code());
    }
}
