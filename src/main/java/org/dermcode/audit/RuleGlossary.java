package org.dermcode.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dermcode.terminology.CodeSystemIndex;
import org.dermcode.terminology.Concept;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.TerminologyRepository;

/** Each rule id's name and meaning, as the claim-rule CodeSystem states them: the report's explanations. */
public final class RuleGlossary {

    /** What one rule is called and what it means. */
    public record Entry(String name, String meaning) {}

    private final Map<String, Entry> entries;

    RuleGlossary(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static RuleGlossary of(TerminologyRepository repository) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        CodeSystemIndex rules = repository.codeSystem(SystemUrls.CLAIM_RULE).orElse(null);
        if (rules != null) {
            for (Concept concept : rules.concepts()) {
                entries.put(concept.code(), new Entry(concept.display(), concept.definition().getDefinition()));
            }
        }
        return new RuleGlossary(entries);
    }

    /** The rule's entry; an id the CodeSystem lacks gets its id as name and no meaning. */
    Entry get(String ruleId) {
        Entry entry = entries.get(ruleId);
        return entry != null ? entry : new Entry(ruleId, null);
    }
}
