package org.dermcode.terminology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * The versions of one code system repeat most of their concepts unchanged (1,720 of the 1,724
 * ICD-10-CM codes of FY2027 are as in FY2026): a concept equal, with everything under it, to the
 * same code of a version loaded before is replaced by that one, so the versions share it in
 * memory instead of holding a copy each. Loaded content is read-only, so sharing is safe; a
 * concept that differs in anything (a display, a property, a child) stays its own.
 */
final class ConceptSharing {

    /** Per code system url, the concepts of the versions loaded so far by code (the last one wins). */
    private final Map<String, Map<String, ConceptDefinitionComponent>> byUrl = new HashMap<>();

    void share(CodeSystem codeSystem) {
        if (!codeSystem.hasUrl()) {
            return;
        }
        Map<String, ConceptDefinitionComponent> known = byUrl.computeIfAbsent(codeSystem.getUrl(), k -> new HashMap<>());
        Map<String, ConceptDefinitionComponent> seen = new HashMap<>();
        share(codeSystem.getConcept(), known, seen);
        known.putAll(seen);
    }

    private static void share(List<ConceptDefinitionComponent> concepts, Map<String, ConceptDefinitionComponent> known,
            Map<String, ConceptDefinitionComponent> seen) {
        for (int i = 0; i < concepts.size(); i++) {
            ConceptDefinitionComponent concept = concepts.get(i);
            share(concept.getConcept(), known, seen);
            ConceptDefinitionComponent earlier = concept.hasCode() ? known.get(concept.getCode()) : null;
            if (earlier != null && earlier != concept && earlier.equalsDeep(concept)) {
                concepts.set(i, earlier);
                concept = earlier;
            }
            if (concept.hasCode()) {
                seen.put(concept.getCode(), concept);
            }
        }
    }
}
