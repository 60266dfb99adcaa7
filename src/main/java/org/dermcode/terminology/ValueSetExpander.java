package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;

/**
 * Computes the full content of a ValueSet's {@code compose} against a repository: included
 * concepts (by list, by filter or whole system), imported value sets, minus excluded ones.
 * Supported filters: {@code is-a}, {@code descendent-of}, {@code is-not-a}, {@code =}, {@code in}
 * and {@code exists} on the concept or a declared property.
 */
final class ValueSetExpander {

    private static final int MAX_DEPTH = 10;

    private final TerminologyRepository repository;

    ValueSetExpander(TerminologyRepository repository) {
        this.repository = repository;
    }

    List<ExpansionEntry> expand(ValueSet valueSet) {
        return new ArrayList<>(compute(valueSet, 0).values());
    }

    private Map<String, ExpansionEntry> compute(ValueSet valueSet, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException("ValueSet " + valueSet.getUrl() + " imports value sets too deeply (a cycle?)");
        }
        if (!valueSet.hasCompose()) {
            if (valueSet.hasExpansion()) {
                return fromExpansion(valueSet);
            }
            throw new InvalidRequestException("ValueSet " + describe(valueSet) + " has no compose to expand");
        }
        Map<String, ExpansionEntry> result = new LinkedHashMap<>();
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            result.putAll(select(include, depth));
        }
        for (ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            select(exclude, depth).keySet().forEach(result::remove);
        }
        return result;
    }

    private Map<String, ExpansionEntry> fromExpansion(ValueSet valueSet) {
        Map<String, ExpansionEntry> result = new LinkedHashMap<>();
        for (ValueSet.ValueSetExpansionContainsComponent c : valueSet.getExpansion().getContains()) {
            String system = SystemUrls.normalize(c.getSystem());
            Concept concept = repository.codeSystem(system).flatMap(cs -> cs.find(c.getCode())).orElse(null);
            ExpansionEntry entry = new ExpansionEntry(system, c.getVersion(), c.getCode(), c.getDisplay(), concept);
            result.put(entry.key(), entry);
        }
        return result;
    }

    private Map<String, ExpansionEntry> select(ConceptSetComponent set, int depth) {
        Map<String, ExpansionEntry> fromSystem = null;
        if (set.hasSystem()) {
            fromSystem = selectFromSystem(set);
        }
        Map<String, ExpansionEntry> fromValueSets = null;
        for (CanonicalType imported : set.getValueSet()) {
            ValueSet other = repository.valueSet(imported.getValue(), null)
                    .orElseThrow(() -> new InvalidRequestException("Unknown ValueSet " + imported.getValue()
                            + " imported by a compose"));
            Map<String, ExpansionEntry> entries = compute(other, depth + 1);
            if (fromValueSets == null) {
                fromValueSets = new LinkedHashMap<>(entries);
            } else {
                fromValueSets.keySet().retainAll(entries.keySet());
            }
        }
        if (fromSystem == null) {
            return fromValueSets == null ? Map.of() : fromValueSets;
        }
        if (fromValueSets != null) {
            fromSystem.keySet().retainAll(fromValueSets.keySet());
        }
        return fromSystem;
    }

    private Map<String, ExpansionEntry> selectFromSystem(ConceptSetComponent set) {
        String system = SystemUrls.normalize(set.getSystem());
        CodeSystemIndex index = repository.codeSystem(system, set.getVersion()).orElse(null);
        Map<String, ExpansionEntry> result = new LinkedHashMap<>();
        if (index == null) {
            if (!set.hasConcept()) {
                throw new InvalidRequestException("Cannot expand: the code system " + system
                        + (set.hasVersion() ? " version " + set.getVersion() : "") + " is not available on this server");
            }
            for (ConceptReferenceComponent ref : set.getConcept()) {
                ExpansionEntry entry = new ExpansionEntry(system, set.getVersion(), ref.getCode(), ref.getDisplay(), null);
                result.put(entry.key(), entry);
            }
            return result;
        }
        if (set.hasConcept()) {
            for (ConceptReferenceComponent ref : set.getConcept()) {
                Concept concept = index.find(ref.getCode()).orElse(null);
                String display = ref.hasDisplay() ? ref.getDisplay() : concept == null ? null : concept.display();
                ExpansionEntry entry = new ExpansionEntry(system, index.version(), concept == null ? ref.getCode()
                        : concept.code(), display, concept);
                result.put(entry.key(), entry);
            }
            return result;
        }
        Predicate<Concept> matches = c -> true;
        for (ConceptSetFilterComponent filter : set.getFilter()) {
            matches = matches.and(filterPredicate(index, filter));
        }
        for (Concept concept : index.concepts()) {
            if (matches.test(concept)) {
                ExpansionEntry entry = new ExpansionEntry(system, index.version(), concept.code(), concept.display(), concept);
                result.put(entry.key(), entry);
            }
        }
        return result;
    }

    private static Predicate<Concept> filterPredicate(CodeSystemIndex index, ConceptSetFilterComponent filter) {
        String property = filter.getProperty();
        String value = filter.getValue();
        String op = filter.getOp() == null ? null : filter.getOp().toCode();
        boolean onConcept = "concept".equals(property) || "code".equals(property);
        if (!onConcept && !index.properties().containsKey(property)) {
            throw new InvalidRequestException("Unknown filter property '" + property + "' for code system " + index.url());
        }
        if (op == null) {
            throw new InvalidRequestException("A filter on '" + property + "' has no op");
        }
        boolean hierarchical = op.equals("is-a") || op.equals("descendent-of") || op.equals("is-not-a");
        if (hierarchical && !onConcept) {
            throw new InvalidRequestException("Filter op '" + op + "' applies to 'concept' only, not to '" + property + "'");
        }
        switch (op) {
            case "is-a":
                return c -> index.subsumes(value, c.code());
            case "descendent-of":
                return c -> !c.code().equals(value) && index.subsumes(value, c.code());
            case "is-not-a":
                return c -> !index.subsumes(value, c.code());
            case "=":
                return c -> onConcept ? c.code().equals(value) : c.strings(property).contains(value);
            case "in": {
                Set<String> values = new LinkedHashSet<>();
                for (String part : value.split(",")) {
                    values.add(part.strip());
                }
                return c -> onConcept ? values.contains(c.code())
                        : c.strings(property).stream().anyMatch(values::contains);
            }
            case "exists": {
                boolean wanted = !"false".equals(value);
                return c -> c.values(property).isEmpty() != wanted;
            }
            default:
                throw new InvalidRequestException("Unsupported filter op '" + op + "' on '" + property
                        + "'; supported: is-a, descendent-of, is-not-a, =, in, exists");
        }
    }

    static String describe(ValueSet valueSet) {
        return valueSet.hasUrl() ? valueSet.getUrl() : "(inline)";
    }
}
