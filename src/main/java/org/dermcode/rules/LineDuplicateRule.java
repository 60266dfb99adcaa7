package org.dermcode.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.springframework.stereotype.Component;

/**
 * LINE-DUPLICATE: the same code on two or more lines of the same day (date and rendering provider)
 * with the same modifiers and the same diagnosis pointers (in any order): payers deny the repeat as
 * a duplicate line. Reported on every repeat, naming the first line. Office visits are left to
 * EM-MULTIPLE. Domain doc section 13 (First Coast and Cahaba duplicate-claim guidance; WPS on
 * units).
 */
@Component
final class LineDuplicateRule implements ClaimRule {

    /** What makes two lines of a day the same: the code, the set of modifiers and the set of pointers. */
    private record Key(String code, Set<String> modifiers, Set<Integer> pointers) {}

    @Override
    public String id() {
        return "LINE-DUPLICATE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (List<Line> day : claim.days().values()) {
            if (day.size() < 2) {
                continue;
            }
            Map<Key, Line> first = new HashMap<>();
            for (Line line : day) {
                if (!line.hasCode() || line.isEm()) {
                    continue;
                }
                Line earlier = first.putIfAbsent(key(line), line);
                if (earlier != null) {
                    findings.add(id(), line.index(), line.path(), "Line " + line.number() + " repeats line "
                            + earlier.number() + ": " + line.code() + " on " + line.date() + " by the same provider with"
                            + " the same modifiers and diagnosis pointers, which payers deny as a duplicate; bill the"
                            + " units on one line (quantity), or show why it is a separate service: 76 for a repeat"
                            + " by the same clinician, anatomic modifiers or XS for another site, or the diagnosis of"
                            + " that lesion");
                }
            }
        }
    }

    private static Key key(Line line) {
        Set<String> modifiers = new TreeSet<>();
        for (Modifier modifier : line.modifiers()) {
            modifiers.add(modifier.code());
        }
        Set<Integer> pointers = new HashSet<>(line.diagnosisPointers());
        return new Key(line.code(), modifiers, pointers);
    }
}
