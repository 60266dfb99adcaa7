package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The conformance resources the server answers from: CodeSystems (indexed), ValueSets,
 * ConceptMaps and StructureDefinitions, found by canonical URL (and version) or by id.
 * Immutable; {@link #withRequestResources} makes a request-scoped overlay for {@code tx-resource}.
 */
public final class TerminologyRepository {

    private final Map<String, List<CodeSystemIndex>> codeSystems;
    private final Map<String, List<MetadataResource>> others;
    private final Map<String, MetadataResource> byTypeAndId;
    private final TerminologyRepository base;

    private TerminologyRepository(Builder builder, TerminologyRepository base) {
        this.codeSystems = Collections.unmodifiableMap(builder.codeSystems);
        this.others = Collections.unmodifiableMap(builder.others);
        this.byTypeAndId = Collections.unmodifiableMap(builder.byTypeAndId);
        this.base = base;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A repository in which the request's own resources come first, then this one's. */
    public TerminologyRepository withRequestResources(List<? extends IBaseResource> resources) {
        if (resources == null || resources.isEmpty()) {
            return this;
        }
        Builder builder = new Builder();
        builder.allowReplace = true;
        int n = 0;
        for (IBaseResource resource : resources) {
            if (!(resource instanceof CodeSystem || resource instanceof ValueSet || resource instanceof ConceptMap)) {
                throw new IllegalArgumentException("tx-resource must be a CodeSystem, ValueSet or ConceptMap, not "
                        + resource.fhirType());
            }
            builder.add((MetadataResource) resource, "tx-resource[" + n++ + "]");
        }
        return new TerminologyRepository(builder, this);
    }

    public Optional<CodeSystemIndex> codeSystem(String url, String version) {
        String key = SystemUrls.normalize(url);
        List<CodeSystemIndex> candidates = codeSystems.get(key);
        if (candidates != null) {
            for (CodeSystemIndex index : candidates) {
                if (version == null || version.equals(index.version())) {
                    return Optional.of(index);
                }
            }
        }
        return base == null ? Optional.empty() : base.codeSystem(url, version);
    }

    /** The versions held of a code system, a request's first, then those of the repository it extends. */
    public List<String> codeSystemVersions(String url) {
        List<String> versions = new ArrayList<>();
        List<CodeSystemIndex> candidates = codeSystems.get(SystemUrls.normalize(url));
        if (candidates != null) {
            candidates.forEach(index -> versions.add(index.version()));
        }
        if (base != null) {
            base.codeSystemVersions(url).stream().filter(v -> !versions.contains(v)).forEach(versions::add);
        }
        return versions;
    }

    public Optional<CodeSystemIndex> codeSystem(String url) {
        return codeSystem(url, null);
    }

    public Optional<ValueSet> valueSet(String canonical, String version) {
        return find(ValueSet.class, canonical, version);
    }

    public Optional<ConceptMap> conceptMap(String canonical, String version) {
        return find(ConceptMap.class, canonical, version);
    }

    public Optional<StructureDefinition> structureDefinition(String canonical) {
        return find(StructureDefinition.class, canonical, null);
    }

    private <T extends MetadataResource> Optional<T> find(Class<T> type, String canonical, String version) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = canonical;
        String wanted = version;
        int bar = canonical.indexOf('|');
        if (bar >= 0) {
            url = canonical.substring(0, bar);
            wanted = wanted == null ? canonical.substring(bar + 1) : wanted;
        }
        List<MetadataResource> candidates = others.get(type.getSimpleName() + " " + SystemUrls.normalize(url));
        if (candidates != null) {
            for (MetadataResource resource : candidates) {
                if (wanted == null || wanted.equals(resource.getVersion())) {
                    return Optional.of(type.cast(resource));
                }
            }
        }
        return base == null ? Optional.empty() : base.find(type, canonical, version);
    }

    /** A resource by type name and logical id, e.g. ("CodeSystem", "cpt"). */
    public Optional<MetadataResource> byId(String type, String id) {
        MetadataResource found = byTypeAndId.get(type + "/" + id);
        if (found == null && base != null) {
            return base.byId(type, id);
        }
        return Optional.ofNullable(found);
    }

    /** All resources of a type, ordered by id. */
    public <T extends MetadataResource> List<T> all(Class<T> type) {
        List<T> result = new ArrayList<>();
        String prefix = type.getSimpleName() + "/";
        for (Map.Entry<String, MetadataResource> entry : byTypeAndId.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                result.add(type.cast(entry.getValue()));
            }
        }
        result.sort(Comparator.comparing(r -> r.getIdElement().getIdPart()));
        return result;
    }

    /**
     * Every resource of a type, request resources first, then this repository's base (less those a
     * request resource shadows by url and version): all versions, and also a request's resources
     * that share an id (two tx-resource ConceptMaps
     * called "full" are two maps; {@link #all} keeps the last).
     */
    public <T extends MetadataResource> List<T> everyVersion(Class<T> type) {
        List<T> result = new ArrayList<>();
        String prefix = type.getSimpleName() + " ";
        for (Map.Entry<String, List<MetadataResource>> entry : others.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                entry.getValue().forEach(r -> result.add(type.cast(r)));
            }
        }
        if (base != null) {
            java.util.Set<String> shadowed = new java.util.HashSet<>();
            result.forEach(r -> shadowed.add(SystemUrls.normalize(r.getUrl()) + "|" + r.getVersion()));
            base.everyVersion(type).stream()
                    .filter(r -> !shadowed.contains(SystemUrls.normalize(r.getUrl()) + "|" + r.getVersion()))
                    .forEach(result::add);
        }
        return result;
    }

    public List<CodeSystemIndex> codeSystemIndexes() {
        List<CodeSystemIndex> result = new ArrayList<>();
        codeSystems.values().forEach(result::addAll);
        return result;
    }

    /** Collects resources; refuses a second resource with the same id or the same url and version. */
    public static final class Builder {
        private final Map<String, List<CodeSystemIndex>> codeSystems = new LinkedHashMap<>();
        private final Map<String, List<MetadataResource>> others = new LinkedHashMap<>();
        private final Map<String, MetadataResource> byTypeAndId = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private boolean allowReplace;

        public Builder add(MetadataResource resource, String source) {
            String type = resource.fhirType();
            if (!resource.hasUrl()) {
                throw new TerminologyLoadException(source + ": " + type + " has no url");
            }
            String url = SystemUrls.normalize(resource.getUrl());
            String canonicalKey = type + " " + url + "|" + resource.getVersion();
            String clash = sources.putIfAbsent(canonicalKey, source);
            if (clash != null && !allowReplace) {
                throw new TerminologyLoadException(source + ": " + type + " " + url + " version "
                        + resource.getVersion() + " is already defined in " + clash);
            }
            if (resource.getIdElement().getIdPart() != null) {
                String idKey = type + "/" + resource.getIdElement().getIdPart();
                String idClash = sources.putIfAbsent(idKey, source);
                if (idClash != null && !allowReplace) {
                    throw new TerminologyLoadException(source + ": " + idKey + " is already defined in " + idClash);
                }
                byTypeAndId.put(idKey, resource);
            }
            if (resource instanceof CodeSystem codeSystem) {
                codeSystems.computeIfAbsent(url, k -> new ArrayList<>()).add(0, new CodeSystemIndex(codeSystem, source));
            } else {
                others.computeIfAbsent(type + " " + url, k -> new ArrayList<>()).add(0, resource);
            }
            return this;
        }

        public TerminologyRepository build() {
            return new TerminologyRepository(this, null);
        }
    }
}
