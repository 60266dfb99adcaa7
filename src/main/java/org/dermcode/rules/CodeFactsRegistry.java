package org.dermcode.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermcode.knowledge.CmsFacts;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.terminology.CodeSystemIndex;
import org.dermcode.terminology.Concept;
import org.dermcode.terminology.ExpansionEntry;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.SystemUrls;
import org.dermcode.terminology.TerminologyLoadException;
import org.dermcode.terminology.TerminologyRepository;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Every fact the rules read, gathered once at start-up: CPT/HCPCS code and modifier facts from the
 * newest CodeSystem versions, combined with the CMS facts of each period between two release dates
 * from {@link Knowledge} (so {@link #code(String, LocalDate)} is two map look-ups), the ICD-10-CM
 * codes the server knows, the diagnosis families, the places of service, and the code ValueSets
 * rules name.
 */
public final class CodeFactsRegistry {

    public static final String FAMILY_BASE = SystemUrls.CANONICAL_BASE + "/ValueSet/";

    /** The facts of a code for one set of CMS facts (one period between two release dates). */
    private record Dated(CmsFacts cms, CodeFacts facts) {}

    private final Knowledge knowledge;
    private final Map<String, CodeFacts> codes = new HashMap<>();
    private final Map<String, Dated[]> dated = new HashMap<>();
    private final Map<String, CodeFacts> modifiers = new LinkedHashMap<>();
    private final Set<String> diagnoses = new HashSet<>();
    private final Map<String, Set<String>> families = new HashMap<>();
    private final Map<String, PlaceOfService> placesOfService = new HashMap<>();
    private final TerminologyRepository repository;
    private final ExpansionService expansions;

    public CodeFactsRegistry(TerminologyRepository repository, ExpansionService expansions, Knowledge knowledge) {
        this.knowledge = knowledge;
        this.repository = repository;
        this.expansions = expansions;
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
        List<LocalDate> days = new ArrayList<>(knowledge.changeDates());
        days.add(null); // the newest facts, for lines without a date
        for (CodeFacts base : codes.values()) {
            List<Dated> periods = new ArrayList<>();
            for (LocalDate day : days) {
                CmsFacts cms = knowledge.facts(base.code(), day);
                if (periods.stream().noneMatch(d -> d.cms() == cms)) {
                    periods.add(new Dated(cms, base.on(cms)));
                }
            }
            dated.put(base.code(), periods.toArray(new Dated[0]));
        }
        repository.codeSystem(SystemUrls.ICD10CM)
                .orElseThrow(() -> new TerminologyLoadException("The ICD-10-CM CodeSystem is missing"))
                .concepts().forEach(c -> diagnoses.add(c.code()));
        for (CodeFacts facts : codes.values()) {
            for (String family : facts.expectedDiagnoses()) {
                families.computeIfAbsent(family, id -> familyCodes(repository, expansions, id));
            }
        }
        repository.codeSystem(SystemUrls.PLACE_OF_SERVICE)
                .orElseThrow(() -> new TerminologyLoadException("The place-of-service CodeSystem is missing"))
                .concepts().forEach(c -> placesOfService.put(c.code(), new PlaceOfService(c.code(),
                        "facility".equals(c.string("pfsRate")), c.bool("hospitalSetting"), c.bool("telehealth"))));
    }

    /**
     * The codes of one of the server's ValueSets (by id), expanded now: for rules to call once,
     * when they are built, never per claim.
     */
    public Set<String> valueSetCodes(String valueSetId) {
        return Set.copyOf(familyCodes(repository, expansions, valueSetId));
    }

    /** The facts of a CMS place-of-service code; a code the CodeSystem does not list is a non-facility place. */
    public PlaceOfService placeOfService(String code) {
        PlaceOfService known = placesOfService.get(code);
        return known != null ? known : PlaceOfService.unlisted(code);
    }

    private static Set<String> familyCodes(TerminologyRepository repository, ExpansionService expansions, String id) {
        ValueSet valueSet = repository.valueSet(FAMILY_BASE + id, null)
                .orElseThrow(() -> new TerminologyLoadException("ValueSet " + id + " is missing"));
        Set<String> result = new HashSet<>();
        for (ExpansionEntry entry : expansions.content(valueSet, repository, null, false).entries()) {
            result.add(entry.code());
        }
        return result;
    }

    /** A CPT/HCPCS procedure, drug or E/M code (not a modifier) with the newest CMS facts. */
    public Optional<CodeFacts> code(String code) {
        return code(code, null);
    }

    /** A CPT/HCPCS procedure, drug or E/M code with the CMS facts in force on a date (null: the newest). */
    public Optional<CodeFacts> code(String code, LocalDate date) {
        Dated[] periods = code == null ? null : dated.get(code);
        if (periods == null) {
            return Optional.empty();
        }
        CmsFacts cms = knowledge.facts(code, date);
        for (Dated period : periods) {
            if (period.cms() == cms) {
                return Optional.of(period.facts());
            }
        }
        throw new IllegalStateException("no facts of " + code + " for " + cms.pfsRelease().id());
    }

    /** The releases and what is in force on a date. */
    public Knowledge knowledge() {
        return knowledge;
    }

    public Optional<CodeFacts> modifier(String code) {
        return Optional.ofNullable(code == null ? null : modifiers.get(code));
    }

    /** True when the ICD-10-CM code is in some fiscal year the server holds. */
    public boolean isKnownDiagnosis(String icdCode) {
        return diagnoses.contains(icdCode) || knowledge.icdKnown(icdCode);
    }

    /** True when the ICD-10-CM code is in the diagnosis family ValueSet with that id. */
    public boolean inFamily(String familyId, String icdCode) {
        return families.getOrDefault(familyId, Set.of()).contains(icdCode);
    }
}
