package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** The filter index of a cached expansion finds exactly what reading every entry's words finds. */
class FilterIndexTest {

    private static final TerminologyRepository REPOSITORY = TestTerminology.REPOSITORY;

    private static List<ExpansionEntry> scan(List<ExpansionEntry> entries, TextFilter filter) {
        List<ExpansionEntry> result = new ArrayList<>();
        for (ExpansionEntry entry : entries) {
            Concept concept = entry.concept();
            if (filter.matches(entry.code(), entry.display(), concept == null ? null : concept.designationText())) {
                result.add(entry);
            }
        }
        return result;
    }

    @Test
    void everyHostedValueSetAnswersEveryFilterLikeTheScan() {
        int compared = 0;
        int nonEmpty = 0;
        for (ValueSet valueSet : REPOSITORY.all(ValueSet.class)) {
            List<ExpansionEntry> entries = TestTerminology.EXPANSIONS.content(valueSet, REPOSITORY, null, false).entries();
            FilterIndex index = new FilterIndex(entries);
            Set<String> filters = new LinkedHashSet<>(List.of("biopsy", "punch bio", "BCC", "i&d", "11", "1110",
                    "c44.3", "face 1.1", "repair", "shave", "flap", "zzz", "mohs stage", "l40", "ak", "excision trunk 2"));
            for (ExpansionEntry entry : entries.subList(0, Math.min(5, entries.size()))) {
                filters.add(entry.code());
                if (entry.display() != null) {
                    filters.add(entry.display().substring(0, Math.min(6, entry.display().length())));
                }
            }
            for (String text : filters) {
                TextFilter filter = new TextFilter(text);
                List<ExpansionEntry> expected = scan(entries, filter);
                assertThat(index.matching(filter)).as(valueSet.getUrl() + " filter " + text).isEqualTo(expected);
                compared++;
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(nonEmpty).isGreaterThan(100);
    }

    @Test
    void everyWordMustMatchAndOrderIsTheValueSets() {
        ValueSet procedures = REPOSITORY.valueSet("http://dermcode.org/fhir/ValueSet/derm-procedures", null).orElseThrow();
        List<ExpansionEntry> entries = TestTerminology.EXPANSIONS.content(procedures, REPOSITORY, null, false).entries();
        List<ExpansionEntry> punch = new FilterIndex(entries).matching(new TextFilter("punch biopsy"));
        assertThat(punch).isNotEmpty().allSatisfy(e -> assertThat(e.display().toLowerCase()).contains("punch"));
        List<Integer> positions = punch.stream().map(entries::indexOf).toList();
        assertThat(positions).isSorted();
        assertThat(new FilterIndex(entries).matching(new TextFilter("punch zzz"))).isEmpty();
    }
}
