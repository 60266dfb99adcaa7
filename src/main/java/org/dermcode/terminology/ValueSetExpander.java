package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;

/**
 * Computes the full content of a ValueSet's {@code compose} against a repository: included
 * concepts (by list, by filter or whole system), imported value sets, minus excluded ones.
 * Supported filters: {@code is-a}, {@code descendent-of}, {@code is-not-a}, {@code =}, {@code in}
 * and {@code exists} on the concept or a declared property.
 *
 * <p>One expansion tests at most {@value #MAX_TESTS} concepts against a filter (each concept of a
 * code system an include walks, again for every include and every import) and selects at most
 * {@value #MAX_SELECTED} (each selection allocates an entry, about 400 bytes): a client's
 * {@code tx-resource} value set with thousands of whole-system includes, or imports that fan out,
 * would otherwise cost minutes of CPU and gigabytes in one request. Over either, 422
 * {@code too-costly}. Our largest value set, derm-diagnoses (110 is-a includes over ICD-10-CM),
 * tests about 190,000 concepts and selects about 1,700.
 */
final class ValueSetExpander {

    private static final int MAX_DEPTH = 10;

    /** The most concepts one expansion may test and select (see the class comment; bench/cost.sh measures it). */
    static final int MAX_TESTS = 2_000_000;
    static final int MAX_SELECTED = 50_000;

    private final TerminologyRepository repository;
    private long tests;
    private long selected;
    /** The version of an include without one (null: the newest). */
    private final java.util.function.Function<String, String> defaultVersion;

    ValueSetExpander(TerminologyRepository repository) {
        this(repository, system -> null);
    }

    ValueSetExpander(TerminologyRepository repository, java.util.function.Function<String, String> defaultVersion) {
        this.repository = repository;
        this.defaultVersion = defaultVersion;
    }

    List<ExpansionEntry> expand(ValueSet valueSet) {
        tests = 0;
        selected = 0;
        return new ArrayList<>(compute(valueSet, 0).values());
    }

    /** Counts concepts tested; refuses the expansion once over {@link #MAX_TESTS}. */
    private void tested(ValueSet valueSet, long concepts) {
        tests += concepts;
        if (tests > MAX_TESTS) {
            throw tooCostly(valueSet, "test more than " + MAX_TESTS + " concepts against its filters");
        }
    }

    /** Counts concepts selected; refuses the expansion once over {@link #MAX_SELECTED}. */
    private void selected(ValueSet valueSet, long concepts) {
        selected += concepts;
        if (selected > MAX_SELECTED) {
            throw tooCostly(valueSet, "select more than " + MAX_SELECTED + " concepts");
        }
    }

    private static UnprocessableEntityException tooCostly(ValueSet valueSet, String what) {
        String message = "Expanding ValueSet " + describe(valueSet) + " would " + what
                + " (its includes, filters and imports repeat the work); combine its includes";
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TOOCOSTLY).setDiagnostics(message);
        return new UnprocessableEntityException(message, outcome);
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
            result.putAll(select(valueSet, include, depth));
        }
        for (ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            select(valueSet, exclude, depth).keySet().forEach(result::remove);
        }
        return result;
    }

    private Map<String, ExpansionEntry> fromExpansion(ValueSet valueSet) {
        selected(valueSet, valueSet.getExpansion().getContains().size());
        Map<String, ExpansionEntry> result = new LinkedHashMap<>();
        for (ValueSet.ValueSetExpansionContainsComponent c : valueSet.getExpansion().getContains()) {
            String system = SystemUrls.normalize(c.getSystem());
            Concept concept = repository.codeSystem(system).flatMap(cs -> cs.find(c.getCode())).orElse(null);
            ExpansionEntry entry = new ExpansionEntry(system, c.getVersion(), c.getCode(), c.getDisplay(), concept);
            result.put(entry.key(), entry);
        }
        return result;
    }

    private Map<String, ExpansionEntry> select(ValueSet valueSet, ConceptSetComponent set, int depth) {
        // an include or import costs something even when empty: imports that fan out are counted too
        tested(valueSet, 1);
        Map<String, ExpansionEntry> fromSystem = null;
        if (set.hasSystem()) {
            fromSystem = selectFromSystem(valueSet, set);
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

    private Map<String, ExpansionEntry> selectFromSystem(ValueSet valueSet, ConceptSetComponent set) {
        selected(valueSet, set.getConcept().size());
        String system = SystemUrls.normalize(set.getSystem());
        String version = set.hasVersion() ? set.getVersion() : defaultVersion.apply(system);
        CodeSystemIndex index = repository.codeSystem(system, version).orElse(null);
        Map<String, ExpansionEntry> result = new LinkedHashMap<>();
        if (index == null) {
            if (!set.hasConcept()) {
                throw new InvalidRequestException("Cannot expand: the code system " + system
                        + (version != null ? " version " + version : "") + " is not available on this server");
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
        tested(valueSet, (long) index.size() * Math.max(1, set.getFilter().size()));
        for (Concept concept : index.concepts()) {
            if (matches.test(concept)) {
                selected(valueSet, 1);
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
        // the hierarchy below the value, walked once per filter instead of an ancestor walk per concept
        Set<String> below = hierarchical ? index.selfAndDescendants(value) : Set.of();
        switch (op) {
            case "is-a":
                return c -> below.contains(c.code());
            case "descendent-of":
                return c -> !c.code().equals(value) && below.contains(c.code());
            case "is-not-a":
                return c -> !below.contains(c.code());
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
