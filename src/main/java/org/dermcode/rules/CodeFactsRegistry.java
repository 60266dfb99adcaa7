package org.dermcode.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermcode.terminology.CodeSystemIndex;
import org.dermcode.terminology.Concept;
import org.dermcode.terminology.ExpansionEntry;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.TerminologyLoadException;
import org.dermcode.terminology.TerminologyRepository;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Every fact the rules read, gathered once at start-up from the terminology: CPT/HCPCS code and
 * modifier facts, the ICD-10-CM codes the server knows, and the diagnosis families.
 */
public final class CodeFactsRegistry {

    public static final String FAMILY_BASE = SystemUrls.CANONICAL_BASE + "/ValueSet/";

    private final Map<String, CodeFacts> codes = new HashMap<>();
    private final Map<String, CodeFacts> modifiers = new LinkedHashMap<>();
    private final Set<String> diagnoses = new HashSet<>();
    private final Map<String, Set<String>> families = new HashMap<>();

    public CodeFactsRegistry(TerminologyRepository repository, ExpansionService expansions) {
        for (String system : new String[] {SystemUrls.CPT, SystemUrls.HCPCS}) {
            CodeSystemIndex index = repository.codeSystem(system)
                    .orElseThrow(() -> new TerminologyLoadException("The " + system + " CodeSystem is missing"));
            for (Concept concept : index.concepts()) {
                CodeFacts facts = CodeFacts.of(system, concept);
                if (facts.isModifier()) {
                    modifiers.putIfAbsent(concept.code(), facts);
                } else if (!facts.isCategory()) {
                    codes.put(concept.code(), facts);
                }
            }
        }
        repository.codeSystem(SystemUrls.ICD10CM)
                .orElseThrow(() -> new TerminologyLoadException("The ICD-10-CM CodeSystem is missing"))
                .concepts().forEach(c -> diagnoses.add(c.code()));
        for (CodeFacts facts : codes.values()) {
            for (String family : facts.expectedDiagnoses()) {
                families.computeIfAbsent(family, id -> familyCodes(repository, expansions, id));
            }
        }
    }

    private static Set<String> familyCodes(TerminologyRepository repository, ExpansionService expansions, String id) {
        ValueSet valueSet = repository.valueSet(FAMILY_BASE + id, null)
                .orElseThrow(() -> new TerminologyLoadException("Diagnosis family ValueSet " + id + " is missing"));
        Set<String> result = new HashSet<>();
        for (ExpansionEntry entry : expansions.content(valueSet, repository, null, false).entries()) {
            result.add(entry.code());
        }
        return result;
    }

    /** A CPT/HCPCS procedure, drug or E/M code (not a modifier). */
    public Optional<CodeFacts> code(String code) {
        return Optional.ofNullable(code == null ? null : codes.get(code));
    }

    public Optional<CodeFacts> modifier(String code) {
        return Optional.ofNullable(code == null ? null : modifiers.get(code));
    }

    public boolean isKnownDiagnosis(String icdCode) {
        return diagnoses.contains(icdCode);
    }

    /** True when the ICD-10-CM code is in the diagnosis family ValueSet with that id. */
    public boolean inFamily(String familyId, String icdCode) {
        return families.getOrDefault(familyId, Set.of()).contains(icdCode);
    }
}
