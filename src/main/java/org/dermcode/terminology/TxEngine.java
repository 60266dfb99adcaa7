package org.dermcode.terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Resource;

/**
 * HL7's terminology engine (the {@code ValueSetExpander} and {@code ValueSetValidator} of
 * {@code org.hl7.fhir.r5}, the code the HL7 validator runs for local terminology) over our content
 * and, per request, the client's {@code tx-resource}s.
 *
 * <p>A worker context costs about half a second to build (it parses the IANA language registry),
 * so the engine keeps a small pool of them, each holding our CodeSystems, ValueSets and
 * ConceptMaps (converted to R5 once). A request borrows one context for itself alone, adds its
 * own resources under ids of their own, and on {@link Session#close()} they are dropped again
 * (and any of ours they shadowed put back), so nothing of one request is seen by another. The
 * engine's own result caches are off for the same reason. The engine keeps a little bookkeeping
 * of every resource it has seen (an index by URL that dropping does not clear), so a context is
 * retired after {@value #MAX_SESSIONS_WITH_RESOURCES} requests that brought resources of their own.
 */
public final class TxEngine {

    static final int MAX_SESSIONS_WITH_RESOURCES = 500;

    private final TerminologyRepository repository;
    private final Map<SimpleWorkerContext, AtomicInteger> uses = new java.util.concurrent.ConcurrentHashMap<>();
    private final BlockingQueue<SimpleWorkerContext> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();
    private final int poolSize;
    /** Our content converted to R5, made on the first request that needs the engine. */
    private volatile Ours ours;

    /** The most FHIR core code systems and value sets one request may pull in (imports of imports...). */
    static final int MAX_CORE_RESOURCES = 50;

    private final CoreTerminology core;

    public TxEngine(TerminologyRepository repository, CoreTerminology core) {
        this(repository, core, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    TxEngine(TerminologyRepository repository, int poolSize) {
        this(repository, CoreTerminology.NONE, poolSize);
    }

    /**
     * Nothing is converted or built here: most requests never reach the engine (our own content
     * is answered by our services), so its cost (our content in R5, about half a second of CPU
     * and a few tens of MB per context) is paid by the first request that brings its own
     * terminology, not by every start-up.
     */
    TxEngine(TerminologyRepository repository, CoreTerminology core, int poolSize) {
        this.core = core;
        this.repository = repository;
        this.poolSize = poolSize;
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    /** Our CodeSystems, ValueSets and ConceptMaps in R5, in load order and by url. */
    private record Ours(List<Resource> all, Map<String, List<Resource>> byUrl) {
    }

    private Ours ours() {
        Ours result = ours;
        if (result == null) {
            synchronized (this) {
                result = ours;
                if (result == null) {
                    List<Resource> all = new ArrayList<>();
                    Map<String, List<Resource>> byUrl = new LinkedHashMap<>();
                    for (Class<? extends MetadataResource> type : List.of(CodeSystem.class, ValueSet.class, ConceptMap.class)) {
                        for (MetadataResource resource : repository.all(type)) {
                            Resource r5 = toR5(resource);
                            all.add(r5);
                            byUrl.computeIfAbsent(resource.getUrl(), k -> new ArrayList<>()).add(r5);
                        }
                    }
                    result = new Ours(List.copyOf(all), byUrl);
                    ours = result;
                }
            }
        }
        return result;
    }

    private SimpleWorkerContext newContext() {
        SimpleWorkerContext context;
        try {
            context = new TxWorkerContext(new SimpleWorkerContext.SimpleWorkerContextBuilder()
                    .withAllowLoadingDuplicates(true).fromNothing());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.setAllowLoadingDuplicates(true);
        context.setNoTerminologyServer(true);
        context.setCanRunWithoutTerminology(true);
        context.setCachingAllowed(false);
        context.setExpansionParameters(new Parameters());
        for (Resource resource : ours().all()) {
            context.cacheResource(resource);
        }
        return context;
    }

    private SimpleWorkerContext borrow() {
        SimpleWorkerContext context = idle.poll();
        if (context != null) {
            return context;
        }
        if (created.incrementAndGet() <= poolSize) {
            return newContext();
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a terminology context", e);
        }
    }

    CoreTerminology core() {
        return core;
    }

    /** A context for one request: ours plus the request's resources (theirs win on the same url and version). */
    Session session(List<? extends IBaseResource> requestResources, Parameters expansionParameters) {
        SimpleWorkerContext context = borrow();
        Session session = new Session(context);
        // a code system the engine looks for and does not have: a FHIR core one, for this request
        context.setLocator((caller, url) -> session.importCore(List.of(), List.of(url)));
        try {
            if (requestResources != null) {
                for (IBaseResource resource : requestResources) {
                    if (!(resource instanceof CodeSystem || resource instanceof ValueSet
                            || resource instanceof ConceptMap)) {
                        throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                                "Parameter 'tx-resource' must be a CodeSystem, ValueSet or ConceptMap, not "
                                + resource.fhirType());
                    }
                    session.add(toR5(resource));
                }
            }
            context.setExpansionParameters(expansionParameters == null ? new Parameters() : expansionParameters);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** One request's hold on a worker context. */
    final class Session implements AutoCloseable {
        private final SimpleWorkerContext context;
        private final List<Resource> added = new ArrayList<>();
        private final List<Resource> hidden = new ArrayList<>();
        private final java.util.Set<String> lookedUp = new java.util.HashSet<>();
        private final Map<Object, Object> remembered = new java.util.HashMap<>();
        private int coreAdded;

        private Session(SimpleWorkerContext context) {
            this.context = context;
        }

        SimpleWorkerContext context() {
            return context;
        }

        /**
         * Adds, for this request only, the FHIR core value sets and code systems it names (and
         * the ones those import) that neither the request nor our content has: {@code valueSets}
         * are value set canonicals, {@code systems} code system canonicals. The request's own
         * value sets (its tx-resources) are scanned too.
         */
        void importCore(java.util.Collection<String> valueSets, java.util.Collection<String> systems) {
            java.util.Deque<String> vsTodo = new java.util.ArrayDeque<>(valueSets);
            java.util.Deque<String> csTodo = new java.util.ArrayDeque<>(systems);
            for (Resource resource : List.copyOf(added)) {
                if (resource instanceof org.hl7.fhir.r5.model.ValueSet vs && lookedUp.add("scanned " + vs.getIdBase())) {
                    references(vs, vsTodo, csTodo);
                }
            }
            while ((!vsTodo.isEmpty() || !csTodo.isEmpty()) && coreAdded < MAX_CORE_RESOURCES) {
                if (!vsTodo.isEmpty()) {
                    String canonical = vsTodo.pop();
                    if (lookedUp.add("ValueSet " + canonical) && CoreTerminology.isCoreUrl(canonical)
                            && context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, canonical) == null) {
                        core.valueSet(canonical).ifPresent(vs -> {
                            org.hl7.fhir.r5.model.ValueSet r5 = (org.hl7.fhir.r5.model.ValueSet) toR5(vs);
                            addCore(r5);
                            references(r5, vsTodo, csTodo);
                        });
                    }
                } else {
                    String canonical = csTodo.pop();
                    String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
                    if (lookedUp.add("CodeSystem " + url) && CoreTerminology.isCoreUrl(url)
                            && !hasCodeSystem(url)) {
                        core.codeSystem(url).ifPresent(cs -> addCore(toR5(cs)));
                    }
                }
            }
        }

        private boolean hasCodeSystem(String url) {
            // not context.fetchCodeSystem: it asks the locator, which is this method's caller
            return context.fetchResource(org.hl7.fhir.r5.model.CodeSystem.class, url) != null;
        }

        private void addCore(Resource resource) {
            coreAdded++;
            add(resource);
        }

        private void add(Resource resource) {
            if (resource instanceof org.hl7.fhir.r5.model.ValueSet valueSet) {
                hierarchyFiltersOnConcept(valueSet);
            }
            resource.setId("tx" + requestIds.incrementAndGet());
            added.add(resource);
            context.cacheResource(resource);
        }

        /** The versions of a code system this session's context holds (ours and the request's). */
        List<org.hl7.fhir.r5.model.CodeSystem> codeSystemVersions(String url) {
            return context.fetchResourceVersionsByTypeAndUrl(org.hl7.fhir.r5.model.CodeSystem.class, url);
        }

        /**
         * Takes a code system version out of this session's context (the engine then sees the other
         * versions of its url only); ours come back when the session closes.
         */
        void hide(org.hl7.fhir.r5.model.CodeSystem codeSystem) {
            String id = codeSystem.getIdBase();
            if (id == null) {
                return;
            }
            context.dropResource(codeSystem.fhirType(), id);
            if (added.stream().noneMatch(r -> id.equals(r.getIdBase()))) {
                hidden.add(codeSystem);
            }
        }

        /** What this request has already worked out under {@code key} (made once per session, e.g. for a batch's entries). */
        @SuppressWarnings("unchecked")
        <T> T remember(Object key, java.util.function.Supplier<T> make) {
            Object known = remembered.get(key);
            if (known == null) {
                known = make.get();
                remembered.put(key, known);
            }
            return (T) known;
        }

        /**
         * Runs {@code call} with only one version of a code system in this session's context (the
         * others are taken out for the call and put back after it): HL7's engine 6.6.7 sees one
         * version per url, so a value set that uses several is expanded one version at a time.
         */
        <T> T withOnlyVersion(String url, String version, java.util.function.Supplier<T> call) {
            List<org.hl7.fhir.r5.model.CodeSystem> others = new ArrayList<>();
            for (org.hl7.fhir.r5.model.CodeSystem cs : codeSystemVersions(url)) {
                if (cs.getIdBase() != null && !version.equals(cs.getVersion())) {
                    others.add(cs);
                }
            }
            others.forEach(cs -> context.dropResource(cs.fhirType(), cs.getIdBase()));
            try {
                return call.get();
            } finally {
                others.forEach(context::cacheResource);
            }
        }

        @Override
        public void close() {
            for (Resource resource : added) {
                context.dropResource(resource.fhirType(), resource.getIdBase());
            }
            for (Resource resource : hidden) {
                context.cacheResource(resource);
            }
            for (Resource resource : added) {
                if (resource instanceof CanonicalResource canonical) {
                    for (Resource shadowed : ours().byUrl().getOrDefault(canonical.getUrl(), List.of())) {
                        context.cacheResource(shadowed);
                    }
                }
            }
            context.setExpansionParameters(new Parameters());
            context.setLocator(null);
            if (!added.isEmpty() && uses.computeIfAbsent(context, c -> new AtomicInteger())
                    .incrementAndGet() >= MAX_SESSIONS_WITH_RESOURCES) {
                uses.remove(context);
                created.decrementAndGet();
                return;
            }
            idle.offer(context);
        }
    }

    /** The hierarchy filter operators FHIR defines on the {@code concept} property. */
    private static final java.util.Set<org.hl7.fhir.r5.model.Enumerations.FilterOperator> HIERARCHY_OPS =
            java.util.EnumSet.of(org.hl7.fhir.r5.model.Enumerations.FilterOperator.ISA,
                    org.hl7.fhir.r5.model.Enumerations.FilterOperator.ISNOTA,
                    org.hl7.fhir.r5.model.Enumerations.FilterOperator.DESCENDENTOF,
                    org.hl7.fhir.r5.model.Enumerations.FilterOperator.GENERALIZES);

    /**
     * A hierarchy filter ({@code is-a}, {@code descendent-of}...) on the property {@code code} is
     * one on {@code concept}: both name the concept itself (HL7's newer engines read it so; 6.6.7
     * refuses it, "Filter by property 'code' and op 'is-a' is not supported yet"). Renamed in the
     * engine's copy of a value set, so the client's resource is untouched.
     */
    static void hierarchyFiltersOnConcept(org.hl7.fhir.r5.model.ValueSet valueSet) {
        for (List<org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent> sets : List.of(
                valueSet.getCompose().getInclude(), valueSet.getCompose().getExclude())) {
            for (org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent set : sets) {
                for (org.hl7.fhir.r5.model.ValueSet.ConceptSetFilterComponent filter : set.getFilter()) {
                    if ("code".equals(filter.getProperty()) && HIERARCHY_OPS.contains(filter.getOp())) {
                        filter.setProperty("concept");
                    }
                }
            }
        }
    }

    /** The value sets a value set imports and the code systems it includes or excludes. */
    static void references(org.hl7.fhir.r5.model.ValueSet valueSet, java.util.Collection<String> valueSets,
            java.util.Collection<String> systems) {
        for (List<org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent> sets : List.of(
                valueSet.getCompose().getInclude(), valueSet.getCompose().getExclude())) {
            for (org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent set : sets) {
                if (set.hasSystem()) {
                    systems.add(set.getSystem());
                }
                set.getValueSet().forEach(c -> {
                    if (c.getValue() != null) {
                        valueSets.add(c.getValue());
                    }
                });
            }
        }
    }

    static Resource toR5(IBaseResource resource) {
        return VersionConvertorFactory_40_50.convertResource((org.hl7.fhir.r4.model.Resource) resource);
    }

    static org.hl7.fhir.r4.model.Resource toR4(Resource resource) {
        return VersionConvertorFactory_40_50.convertResource(resource);
    }
}
