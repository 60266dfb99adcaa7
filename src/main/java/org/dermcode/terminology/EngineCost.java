package org.dermcode.terminology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;

/**
 * What one request will cost HL7's engine, estimated before it runs, in concept entries (a
 * concept, and each of its properties and designations).
 *
 * <p>The engine converts and indexes every concept of the request's code systems, and it expands
 * every include afresh: it walks the whole code system of an include (for most filters too), and
 * an import expands the imported value set again and copies its content, with no cache. Measured
 * with {@code bench/cost.sh} (docs/reliability.md): an entry costs it 1 to 2 KB allocated, so
 * 10,000 client concepts included five times allocated 122 MB, twenty times 324 MB, and 200 times
 * ran past two minutes; eleven includes of our ICD-10-CM (1,724 concepts, 5,965 entries) 121 MB.
 * The estimate counts the entries of the request's code systems, plus for the value set the
 * request names (its imports followed, each import counted for the imported value set's work and
 * again for the copy of its content): per include, the concepts it lists, or else all entries of
 * its code system (the largest version, the request's or ours).
 */
final class EngineCost {

    /** The most concept entries one request may have the engine handle (see the class comment; bench/cost.sh). */
    static final long MAX_ENTRIES = 16_000;

    private final TxRequest request;
    private final TerminologyRepository repository;
    private final Map<String, Long> systemSizes = new HashMap<>();
    private final Map<String, long[]> valueSetCosts = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    private EngineCost(TxRequest request, TerminologyRepository repository) {
        this.request = request;
        this.repository = repository;
    }

    /** Refuses, 422 too-costly, a request the engine would spend more than {@link #MAX_ENTRIES} concepts on. */
    static void check(TxRequest request, TerminologyRepository repository, boolean valueSetLevel, String instanceUrl) {
        long concepts = estimate(request, repository, valueSetLevel, instanceUrl);
        if (concepts > MAX_ENTRIES) {
            String text = "The request would have the terminology engine handle about " + concepts
                    + " concepts, properties and designations (those of its code systems, and of every include and"
                    + " import of the value set, each expanded afresh), more than " + MAX_ENTRIES
                    + "; send smaller code systems or combine includes";
            org.hl7.fhir.r5.model.OperationOutcome outcome = new org.hl7.fhir.r5.model.OperationOutcome();
            outcome.addIssue().setSeverity(org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity.ERROR)
                    .setCode(org.hl7.fhir.r5.model.OperationOutcome.IssueType.TOOCOSTLY).getDetails().setText(text);
            throw TxOperations.failure(422, text, outcome);
        }
    }

    static long estimate(TxRequest request, TerminologyRepository repository, boolean valueSetLevel,
            String instanceUrl) {
        EngineCost cost = new EngineCost(request, repository);
        long concepts = cost.loaded();
        ValueSet target = valueSetLevel ? cost.target(instanceUrl) : null;
        if (target != null) {
            long work = cost.work(target);
            concepts = add(concepts, work);
            if (validates(request) && differingVersions(target)) {
                // MultiVersionCodings expands the value set before the engine checks the code in it
                concepts = add(concepts, work);
            }
        }
        return concepts;
    }

    /** A $validate-code (or a batch of them): a code, coding or codeable concept to check. */
    private static boolean validates(TxRequest request) {
        return request.has("code") || request.has("coding") || request.has("codeableConcept")
                || request.has("validation");
    }

    /** One code system named with different versions (or with and without one) in the value set. */
    private static boolean differingVersions(ValueSet valueSet) {
        Map<String, String> versions = new HashMap<>();
        for (List<ValueSet.ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (ValueSet.ConceptSetComponent set : sets) {
                if (set.hasSystem()) {
                    String known = versions.putIfAbsent(set.getSystem(), set.hasVersion() ? set.getVersion() : "");
                    if (known != null && !known.equals(set.hasVersion() ? set.getVersion() : "")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The concepts of the request's own code systems (and pre-expanded value sets): converted and indexed. */
    private long loaded() {
        long concepts = 0;
        for (IBaseResource resource : request.resources()) {
            concepts = add(concepts, size(resource));
        }
        for (ParametersParameterComponent p : request.parameters().getParameter()) {
            if (p.getResource() instanceof org.hl7.fhir.r5.model.CodeSystem system) {
                concepts = add(concepts, countR5(system.getConcept()));
            }
        }
        return concepts;
    }

    private static long size(IBaseResource resource) {
        long concepts = 0;
        if (resource instanceof CodeSystem system) {
            concepts = count(system.getConcept());
        } else if (resource instanceof ValueSet valueSet) {
            concepts = countContains(valueSet.getExpansion().getContains());
        }
        if (resource instanceof org.hl7.fhir.r4.model.DomainResource domain) {
            for (org.hl7.fhir.r4.model.Resource contained : domain.getContained()) {
                concepts = add(concepts, size(contained));
            }
        }
        return concepts;
    }

    /** The value set the engine will work on: the inline one, or the one named by url (the request's or ours). */
    private ValueSet target(String instanceUrl) {
        org.hl7.fhir.r5.model.Resource inline = request.resource("valueSet");
        if (inline instanceof org.hl7.fhir.r5.model.ValueSet) {
            return (ValueSet) TxEngine.toR4(inline);
        }
        String url = request.has("url") ? request.text("url") : instanceUrl;
        return url == null ? null : valueSet(url);
    }

    /** A value set the request brings (any version: the costliest), else ours. */
    private ValueSet valueSet(String canonical) {
        int bar = canonical.indexOf('|');
        String url = bar < 0 ? canonical : canonical.substring(0, bar);
        ValueSet found = null;
        long most = -1;
        for (IBaseResource resource : request.resources()) {
            if (resource instanceof ValueSet valueSet && url.equals(valueSet.getUrl())) {
                long rules = valueSet.getCompose().getInclude().size() + valueSet.getCompose().getExclude().size();
                if (rules > most) {
                    found = valueSet;
                    most = rules;
                }
            }
        }
        return found != null ? found : repository.valueSet(url, null).orElse(null);
    }

    /** [work, size]: the concepts the engine handles expanding the value set, and at most how many it holds. */
    private long[] cost(ValueSet valueSet) {
        String key = valueSet.getUrl() + "|" + valueSet.getVersion() + "#" + System.identityHashCode(valueSet);
        long[] known = valueSetCosts.get(key);
        if (known != null) {
            return known;
        }
        if (!visiting.add(key)) {
            // a cycle: the engine refuses it (circular reference) before it costs anything
            return new long[] {0, 0};
        }
        long work = 0;
        long size = 0;
        for (List<ValueSet.ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (ValueSet.ConceptSetComponent set : sets) {
                long walked = set.hasConcept() ? set.getConcept().size() : set.hasSystem() ? systemSize(set.getSystem()) : 0;
                work = add(work, walked);
                long imported = set.hasSystem() ? walked : Long.MAX_VALUE;
                for (CanonicalType canonical : set.getValueSet()) {
                    ValueSet inner = canonical.getValue() == null ? null : valueSet(canonical.getValue());
                    if (inner != null) {
                        long[] innerCost = cost(inner);
                        work = add(work, add(innerCost[0], innerCost[1]));
                        imported = Math.min(imported, innerCost[1]);
                    }
                }
                if (sets == valueSet.getCompose().getInclude() && imported != Long.MAX_VALUE) {
                    size = add(size, imported);
                }
            }
        }
        size = add(size, countContains(valueSet.getExpansion().getContains()));
        visiting.remove(key);
        long[] result = {work, size};
        valueSetCosts.put(key, result);
        return result;
    }

    private long work(ValueSet valueSet) {
        return cost(valueSet)[0];
    }

    /** The concepts of the largest version of a code system the request brings or we hold. */
    private long systemSize(String canonical) {
        int bar = canonical.indexOf('|');
        String url = bar < 0 ? canonical : canonical.substring(0, bar);
        return systemSizes.computeIfAbsent(url, u -> {
            long most = 0;
            for (IBaseResource resource : request.resources()) {
                if (resource instanceof CodeSystem system && u.equals(system.getUrl())) {
                    most = Math.max(most, count(system.getConcept()));
                }
            }
            for (ParametersParameterComponent p : request.parameters().getParameter()) {
                if (p.getResource() instanceof org.hl7.fhir.r5.model.CodeSystem system && u.equals(system.getUrl())) {
                    most = Math.max(most, countR5(system.getConcept()));
                }
            }
            for (CodeSystemIndex index : repository.codeSystemIndexes()) {
                if (u.equals(index.url())) {
                    most = Math.max(most, count(index.codeSystem().getConcept()));
                }
            }
            return most;
        });
    }

    private static long count(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        long n = 0;
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            n = add(n, 1 + concept.getProperty().size() + concept.getDesignation().size() + count(concept.getConcept()));
        }
        return n;
    }

    /** The entries of R5 concepts (each concept, property and designation, children included). */
    static long entries(List<org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> concepts) {
        return countR5(concepts);
    }

    private static long countR5(List<org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> concepts) {
        long n = 0;
        for (org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent concept : concepts) {
            n = add(n, 1 + concept.getProperty().size() + concept.getDesignation().size()
                    + countR5(concept.getConcept()));
        }
        return n;
    }

    private static long countContains(List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        long n = 0;
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            n = add(n, 1 + countContains(c.getContains()));
        }
        return n;
    }

    /** Addition that stops at a large number instead of overflowing (imports can multiply). */
    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : sum;
    }
}
