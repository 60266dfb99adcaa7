package org.dermcode.terminology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;

/**
 * {@code $expand}: the content of a value set (cached per value set, date and activeOnly when it
 * comes from the shared repository), then the text filter, paging and the hierarchy.
 */
public final class ExpansionService {

    /**
     * The full, unfiltered content of one value set, with an index for membership checks and the
     * code systems (with version) its codes come from, for {@code used-codesystem}.
     */
    public record Expansion(List<ExpansionEntry> entries, Map<String, ExpansionEntry> byKey, List<String> usedSystems,
            IndexHolder filterIndex) {
        static Expansion of(List<ExpansionEntry> entries) {
            Map<String, ExpansionEntry> byKey = new LinkedHashMap<>();
            Set<String> used = new LinkedHashSet<>();
            for (ExpansionEntry entry : entries) {
                byKey.putIfAbsent(entry.key(), entry);
                used.add(entry.version() == null ? entry.system() : entry.system() + "|" + entry.version());
            }
            List<ExpansionEntry> all = List.copyOf(entries);
            return new Expansion(all, byKey, List.copyOf(used), new IndexHolder(all));
        }
    }

    /** The {@link FilterIndex} of a cached expansion, built by the first filtered request. */
    static final class IndexHolder {
        private final List<ExpansionEntry> entries;
        private volatile FilterIndex index;

        private IndexHolder(List<ExpansionEntry> entries) {
            this.entries = entries;
        }

        FilterIndex get() {
            FilterIndex result = index;
            if (result == null) {
                result = new FilterIndex(entries);
                index = result; // immutable once built: a race only builds it twice
            }
            return result;
        }
    }

    /** {@code pinned}: the versions chosen for includes without one (system -> version), see {@link #contentIn}. */
    private record CacheKey(String url, String version, LocalDate date, boolean activeOnly, Map<String, String> pinned) {}

    private final TerminologyRepository repository;
    private final ReleaseVersions versions;
    private final Cache<CacheKey, Expansion> cache;

    public ExpansionService(TerminologyRepository repository, long cacheSize) {
        this(repository, cacheSize, null);
    }

    /**
     * With {@code versions}, an expansion on a date takes each code system the value set includes
     * without a version in the version in force that day (a pick list of 2024 has the FY2024 ICD-10-CM).
     */
    public ExpansionService(TerminologyRepository repository, long cacheSize, ReleaseVersions versions) {
        this.repository = repository;
        this.versions = versions;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
    }

    /** The version of a system in force on a date that the scope holds, or null (the newest). */
    String versionOn(TerminologyRepository scope, String system, LocalDate date) {
        return versions == null ? null : versions.heldVersionOn(scope, system, date);
    }

    public Cache<?, ?> cache() {
        return cache;
    }

    /** The content of a value set, filtered by date and activeOnly but not by text. */
    public Expansion content(ValueSet valueSet, TerminologyRepository scope, LocalDate date, boolean activeOnly) {
        return content(valueSet, scope, date, activeOnly, Map.of());
    }

    /**
     * As {@link #content(ValueSet, TerminologyRepository, LocalDate, boolean)}, an include without a
     * version taking the version {@code systemVersions} names for its system, else the date's.
     */
    private Expansion content(ValueSet valueSet, TerminologyRepository scope, LocalDate date, boolean activeOnly,
            Map<String, String> systemVersions) {
        if (isHosted(valueSet, scope)) {
            CacheKey key = new CacheKey(valueSet.getUrl(), valueSet.getVersion(), date, activeOnly, systemVersions);
            return cache.get(key, k -> compute(valueSet, scope, date, activeOnly, systemVersions));
        }
        return compute(valueSet, scope, date, activeOnly, systemVersions);
    }

    /** For each dated code system the scope holds in the version in force on the date: system -> version. */
    Map<String, String> versionsOn(TerminologyRepository scope, LocalDate date) {
        return versions == null || date == null ? Map.of() : versions.heldVersionsOn(scope, date);
    }

    /**
     * The content of a value set whose includes without a version take the version {@code pinned}
     * names for their system (the newest for a system it does not name), not filtered by date:
     * {@code $validate-code} judges a code's dates itself, and says why a code is not valid on a day.
     * Cached by the versions, not the date: a year of dates of service shares one expansion.
     */
    public Expansion contentIn(ValueSet valueSet, TerminologyRepository scope, Map<String, String> pinned,
            boolean activeOnly) {
        Map<String, String> key = Map.copyOf(pinned);
        if (isHosted(valueSet, scope)) {
            return cache.get(new CacheKey(valueSet.getUrl(), valueSet.getVersion(), null, activeOnly, key),
                    k -> computeIn(valueSet, scope, key, activeOnly));
        }
        return computeIn(valueSet, scope, key, activeOnly);
    }

    private static Expansion computeIn(ValueSet valueSet, TerminologyRepository scope, Map<String, String> pinned,
            boolean activeOnly) {
        List<ExpansionEntry> entries = new ArrayList<>();
        for (ExpansionEntry entry : new ValueSetExpander(scope, pinned::get).expand(valueSet)) {
            if (!activeOnly || !entry.isInactiveOn(null)) {
                entries.add(entry);
            }
        }
        return Expansion.of(entries);
    }

    /** True for one of our value sets (its expansions are cached), false for a client's. */
    private boolean isHosted(ValueSet valueSet, TerminologyRepository scope) {
        return scope == repository && valueSet.hasUrl()
                && repository.valueSet(valueSet.getUrl(), valueSet.getVersion()).orElse(null) == valueSet;
    }

    private Expansion compute(ValueSet valueSet, TerminologyRepository scope, LocalDate date, boolean activeOnly,
            Map<String, String> systemVersions) {
        List<ExpansionEntry> entries = new ArrayList<>();
        Map<String, String> pinned = new LinkedHashMap<>(versionsOn(scope, date));
        pinned.putAll(systemVersions);
        for (ExpansionEntry entry : new ValueSetExpander(scope, pinned::get).expand(valueSet)) {
            if (activeOnly && entry.isInactiveOn(date)) {
                continue;
            }
            if (date != null && entry.concept() != null && !entry.concept().isEffectiveOn(date)) {
                continue;
            }
            entries.add(entry);
        }
        return Expansion.of(entries);
    }

    public ValueSet expand(ExpandRequest request, TerminologyRepository scope) {
        ValueSet source = request.valueSet();
        Expansion content = content(source, scope, request.date(), request.activeOnly(), request.systemVersions());
        TextFilter filter = new TextFilter(request.filter());
        List<ExpansionEntry> matching = filter.isEmpty() ? content.entries()
                : isHosted(source, scope) ? content.filterIndex().get().matching(filter)
                : scan(content.entries(), filter);
        matching = activeFirst(matching, request.date() != null ? request.date() : LocalDate.now(ZoneOffset.UTC));
        int total = matching.size();
        int from = Math.min(request.offset(), total);
        int to = (int) Math.min(total, (long) from + request.count());
        List<ExpansionEntry> page = matching.subList(from, to);
        boolean nested = !request.excludeNested() && filter.isEmpty() && from == 0 && to == total;

        ValueSet result = new ValueSet();
        result.setId(source.getIdElement().getIdPart());
        result.setUrl(source.getUrl());
        result.setVersion(source.getVersion());
        result.setName(source.getName());
        result.setTitle(source.getTitle());
        result.setStatus(source.getStatus());
        result.setCopyright(source.getCopyright());
        ValueSetExpansionComponent expansion = result.getExpansion();
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestamp(new Date());
        expansion.setTotal(total);
        expansion.setOffset(request.offset());
        addParameters(expansion, request, content.usedSystems());
        Map<String, ValueSetExpansionContainsComponent> built = new LinkedHashMap<>();
        for (ExpansionEntry entry : page) {
            ValueSetExpansionContainsComponent contains = toContains(entry, request.date(),
                    request.includeDesignations());
            ValueSetExpansionContainsComponent parent = nested ? parentOf(entry, built) : null;
            if (parent != null) {
                parent.addContains(contains);
            } else {
                expansion.addContains(contains);
            }
            built.put(entry.key(), contains);
        }
        return result;
    }

    /** A client's value set, expanded for this request only: one pass is cheaper than an index. */
    private static List<ExpansionEntry> scan(List<ExpansionEntry> entries, TextFilter filter) {
        List<ExpansionEntry> matching = new ArrayList<>();
        for (ExpansionEntry entry : entries) {
            if (filter.matchesWords(entry.code(), entry.searchWords())) {
                matching.add(entry);
            }
        }
        return matching;
    }

    private static ValueSetExpansionContainsComponent parentOf(ExpansionEntry entry,
            Map<String, ValueSetExpansionContainsComponent> built) {
        if (entry.concept() == null) {
            return null;
        }
        for (String parent : entry.concept().parents()) {
            ValueSetExpansionContainsComponent found = built.get(entry.system() + "|" + parent);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Pick lists show the codes in force on the day (the request's date, today without one) before
     * the retired ones, each group in value set order: typing "skin biopsy" finds 11102 first, not
     * 11100 (deleted 2019). Only codes with life dates (effective or retirement date) move; the value
     * set keeps its retired codes, for claims of earlier dates.
     */
    static List<ExpansionEntry> activeFirst(List<ExpansionEntry> entries, LocalDate day) {
        List<ExpansionEntry> active = new ArrayList<>(entries.size());
        List<ExpansionEntry> retired = new ArrayList<>();
        for (ExpansionEntry entry : entries) {
            (entry.isRetiredOn(day) ? retired : active).add(entry);
        }
        if (retired.isEmpty()) {
            return entries;
        }
        active.addAll(retired);
        return active;
    }

    private static ValueSetExpansionContainsComponent toContains(ExpansionEntry entry, LocalDate date,
            boolean designations) {
        ValueSetExpansionContainsComponent contains = new ValueSetExpansionContainsComponent();
        contains.setSystem(entry.system());
        if (entry.version() != null) {
            contains.setVersion(entry.version());
        }
        contains.setCode(entry.code());
        contains.setDisplay(entry.display());
        if (entry.isAbstract()) {
            contains.setAbstract(true);
        }
        if (entry.isInactiveOn(date)) {
            contains.setInactive(true);
        }
        if (designations && entry.concept() != null) {
            for (ConceptDefinitionDesignationComponent d : entry.concept().definition().getDesignation()) {
                contains.addDesignation().setLanguage(d.getLanguage()).setUse(d.getUse()).setValue(d.getValue());
            }
        }
        return contains;
    }

    private static void addParameters(ValueSetExpansionComponent expansion, ExpandRequest request,
            List<String> usedSystems) {
        if (request.filter() != null) {
            expansion.addParameter().setName("filter").setValue(new StringType(request.filter()));
        }
        if (request.date() != null) {
            expansion.addParameter().setName("date").setValue(new DateTimeType(request.date().toString()));
        }
        expansion.addParameter().setName("offset").setValue(new IntegerType(request.offset()));
        expansion.addParameter().setName("count").setValue(new IntegerType(request.count()));
        if (request.activeOnly()) {
            expansion.addParameter().setName("activeOnly").setValue(new BooleanType(true));
        }
        if (request.excludeNested()) {
            expansion.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        }
        if (request.includeDesignations()) {
            expansion.addParameter().setName("includeDesignations").setValue(new BooleanType(true));
        }
        if (request.displayLanguage() != null) {
            expansion.addParameter().setName("displayLanguage").setValue(new StringType(request.displayLanguage()));
        }
        request.systemVersions().forEach((system, version) ->
                expansion.addParameter().setName("system-version").setValue(new UriType(system + "|" + version)));
        for (String system : usedSystems) {
            expansion.addParameter().setName("used-codesystem").setValue(new UriType(system));
        }
    }
}
