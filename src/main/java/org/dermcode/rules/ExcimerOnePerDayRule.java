package org.dermcode.rules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * EXCIMER-ONE-PER-DAY: two different excimer laser codes (the ValueSet {@code derm-excimer}:
 * 96920-96922) on one date for the patient, whoever renders them. The codes are tiers of the total
 * skin area treated in the session, so a day takes one of them (domain doc section 3.2 and section
 * 13). Reported on every excimer line whose code differs from the day's first excimer line; a
 * repeat of the same code is UNITS-MUE's.
 */
@Component
final class ExcimerOnePerDayRule implements ClaimRule {

    static final String EXCIMER_CODES = "derm-excimer";

    private final Set<String> excimer;

    ExcimerOnePerDayRule(CodeFactsRegistry registry) {
        this.excimer = registry.valueSetCodes(EXCIMER_CODES);
    }

    @Override
    public String id() {
        return "EXCIMER-ONE-PER-DAY";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        Map<LocalDate, Line> first = null;
        for (Line line : claim.lines()) {
            if (line.date() == null || !line.hasCode() || !excimer.contains(line.code())) {
                continue;
            }
            if (first == null) {
                first = new HashMap<>();
            }
            Line earlier = first.putIfAbsent(line.date(), line);
            if (earlier != null && !earlier.code().equals(line.code())) {
                findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                        + line.code() + " and " + earlier.code() + " (line " + earlier.number() + ") are both excimer"
                        + " laser codes on " + line.date() + "; the excimer codes are chosen by the total skin area"
                        + " treated that day, so bill one line with the code whose range covers the summed area"
                        + " and remove the other");
            }
        }
    }
}
