package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/** {@code CodeSystem/$lookup}: the facts of one code, with the requested properties. */
public final class LookupService {

    private record CacheKey(String system, String version, String code, List<String> properties) {}

    private final TerminologyRepository repository;
    private final Cache<CacheKey, Parameters> cache;

    public LookupService(TerminologyRepository repository, long cacheSize) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().build();
    }

    public Cache<?, ?> cache() {
        return cache;
    }

    /** Properties every lookup can return besides the ones a CodeSystem declares. */
    private static final Set<String> STANDARD = Set.of("parent", "child", "definition", "designation",
            "display", "name", "version", "abstract", "inactive", "lang.*", "*");

    /** The lookup result; cached for the shared repository (results are not modified after building). */
    public Parameters lookup(TerminologyRepository scope, String system, String version, String code,
            List<String> requestedProperties) {
        if (scope == repository) {
            CacheKey key = new CacheKey(SystemUrls.normalize(system), version, code, List.copyOf(requestedProperties));
            Parameters cached = cache.getIfPresent(key);
            if (cached != null) {
                return cached;
            }
            Parameters computed = compute(scope, system, version, code, requestedProperties);
            cache.put(key, computed);
            return computed;
        }
        return compute(scope, system, version, code, requestedProperties);
    }

    private Parameters compute(TerminologyRepository scope, String system, String version, String code,
            List<String> requestedProperties) {
        CodeSystemIndex index = scope.codeSystem(system, version)
                .orElseThrow(() -> new ResourceNotFoundException("Unknown code system " + system
                        + (version == null ? "" : " version " + version)));
        Concept concept = index.find(code)
                .orElseThrow(() -> new ResourceNotFoundException("Code '" + code + "' is not in code system "
                        + index.url() + " version " + index.version()
                        + (index.isFragment() ? " (this server holds a fragment of it)" : "")));
        Set<String> wanted = wanted(index, requestedProperties);

        Parameters out = new Parameters();
        out.addParameter().setName("name").setValue(new StringType(index.codeSystem().hasTitle()
                ? index.codeSystem().getTitle() : index.codeSystem().getName()));
        if (index.version() != null) {
            out.addParameter().setName("version").setValue(new StringType(index.version()));
        }
        out.addParameter().setName("display").setValue(new StringType(concept.display()));
        out.addParameter().setName("abstract").setValue(new BooleanType(concept.isAbstract()));
        if (concept.definition().hasDefinition() && wants(wanted, "definition")) {
            out.addParameter().setName("definition").setValue(new StringType(concept.definition().getDefinition()));
        }
        if (wants(wanted, "designation")) {
            for (ConceptDefinitionDesignationComponent d : concept.definition().getDesignation()) {
                ParametersParameterComponent designation = out.addParameter().setName("designation");
                if (d.hasLanguage()) {
                    designation.addPart().setName("language").setValue(new CodeType(d.getLanguage()));
                }
                if (d.hasUse()) {
                    designation.addPart().setName("use").setValue(d.getUse());
                }
                designation.addPart().setName("value").setValue(new StringType(d.getValue()));
            }
        }
        if (wants(wanted, "parent")) {
            for (String parent : concept.parents()) {
                addProperty(out, "parent", new CodeType(parent));
            }
        }
        if (wants(wanted, "child")) {
            for (String child : concept.children()) {
                addProperty(out, "child", new CodeType(child));
            }
        }
        if (wants(wanted, "inactive") && !index.properties().containsKey("inactive")) {
            addProperty(out, "inactive", new BooleanType(concept.isInactive()));
        }
        for (ConceptPropertyComponent p : concept.definition().getProperty()) {
            if (!"parent".equals(p.getCode()) && wants(wanted, p.getCode())) {
                addProperty(out, p.getCode(), p.getValue());
            }
        }
        return out;
    }

    private static void addProperty(Parameters out, String code, org.hl7.fhir.r4.model.Type value) {
        ParametersParameterComponent property = out.addParameter().setName("property");
        property.addPart().setName("code").setValue(new CodeType(code));
        property.addPart().setName("value").setValue(value);
    }

    private static Set<String> wanted(CodeSystemIndex index, List<String> requested) {
        Set<String> wanted = new LinkedHashSet<>();
        if (requested == null || requested.isEmpty()) {
            wanted.add("*");
            return wanted;
        }
        for (String name : requested) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String trimmed = name.strip();
            if (!STANDARD.contains(trimmed) && !index.properties().containsKey(trimmed)) {
                throw new InvalidRequestException("Parameter 'property': unknown property '" + trimmed
                        + "' for code system " + index.url() + "; known: " + index.properties().keySet());
            }
            wanted.add(trimmed);
        }
        if (wanted.isEmpty()) {
            wanted.add("*");
        }
        return wanted;
    }

    private static boolean wants(Set<String> wanted, String property) {
        return wanted.contains("*") || wanted.contains(property);
    }
}
