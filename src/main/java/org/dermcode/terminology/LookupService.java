package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dermcode.knowledge.CmsFacts;
import org.dermcode.knowledge.FeeScheduleRow;
import org.dermcode.knowledge.Knowledge;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code CodeSystem/$lookup}: the facts of one code, with the requested properties. With a {@code date}
 * (a date of service), the version in force that day answers (CPT/HCPCS: the calendar year; ICD-10-CM:
 * the fiscal year) and the CMS facts of a CPT/HCPCS code are those {@link Knowledge} says are in force
 * that day, with the releases they came from ({@code pfsRelease}, {@code ncciRelease}).
 */
public final class LookupService {

    private record CacheKey(String system, String version, String code, LocalDate date, List<String> properties) {}

    /** The concept properties that hold CMS facts of a date; with a {@code date} they come from {@link Knowledge}. */
    private static final Set<String> CMS_PROPERTIES = Set.of("globalDays", "addOnTo", "multipleProcedure", "pctc",
            "pfsStatus", "mueUnits", "mueAdjudication", "workRvu", "nonFacilityRvu", "facilityRvu", "pfsRelease",
            "ncciRelease");

    private final TerminologyRepository repository;
    private final Knowledge knowledge;
    private final ReleaseVersions versions;
    private final Cache<CacheKey, Parameters> cache;

    public LookupService(TerminologyRepository repository, Knowledge knowledge, long cacheSize) {
        this.repository = repository;
        this.knowledge = knowledge;
        this.versions = new ReleaseVersions(knowledge);
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
        return lookup(scope, system, version, code, null, requestedProperties);
    }

    /** The lookup result on a date of service (null: no date). */
    public Parameters lookup(TerminologyRepository scope, String system, String version, String code, LocalDate date,
            List<String> requestedProperties) {
        return lookup(scope, system, version, code, date, requestedProperties, List.of());
    }

    /**
     * The lookup result with the request's supplements merged in ({@link Supplements}; {@code supplements}
     * are their versioned urls, given back as {@code used-supplement}).
     */
    public Parameters lookup(TerminologyRepository scope, String system, String version, String code, LocalDate date,
            List<String> requestedProperties, List<String> supplements) {
        if (scope != repository) {
            Parameters out = compute(scope, system, version, code, date, requestedProperties);
            for (String used : supplements) {
                out.addParameter().setName("used-supplement").setValue(new CanonicalType(used));
            }
            return out;
        }
        CacheKey key = new CacheKey(SystemUrls.normalize(system), version, code, date,
                List.copyOf(requestedProperties));
        Parameters cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Parameters computed = compute(scope, system, version, code, date, requestedProperties);
        cache.put(key, computed);
        return computed;
    }

    private Parameters compute(TerminologyRepository scope, String system, String requestedVersion, String code,
            LocalDate date, List<String> requestedProperties) {
        String version = requestedVersion == null ? versions.heldVersionOn(scope, system, date) : requestedVersion;
        String normalized = SystemUrls.normalize(system);
        boolean datedFacts = date != null && (SystemUrls.CPT.equals(normalized) || SystemUrls.HCPCS.equals(normalized));
        CodeSystemIndex index = scope.codeSystem(system, version)
                .orElseThrow(() -> new ResourceNotFoundException("Unknown code system " + system
                        + (version == null ? "" : " version " + version)));
        Concept concept = index.find(code)
                .orElseThrow(() -> new ResourceNotFoundException("Code '" + code + "' is not in code system "
                        + index.url() + " version " + index.version()
                        + (index.isFragment() ? " (this server holds a fragment of it)" : "")
                        + index.unknownCodeHint(code)));
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
                if (d.getUserData(Supplements.SOURCE) instanceof String source) {
                    designation.addPart().setName("source").setValue(new CanonicalType(source));
                }
                designation.addPart().setName("value").setValue(new StringType(d.getValue()));
            }
            if (index.codeSystem().hasLanguage()) {
                // as HL7's reference server answers: the display of a code system with a language is a designation too
                ParametersParameterComponent designation = out.addParameter().setName("designation");
                designation.addPart().setName("language").setValue(new CodeType(index.codeSystem().getLanguage()));
                designation.addPart().setName("use").setValue(new org.hl7.fhir.r4.model.Coding(
                        "http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage",
                        "Preferred For Language"));
                designation.addPart().setName("value").setValue(new StringType(concept.display()));
            }
        }
        out.addParameter().setName("code").setValue(new CodeType(concept.code()));
        out.addParameter().setName("system").setValue(new org.hl7.fhir.r4.model.UriType(index.url()));
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
        boolean overlaid = false;
        for (ConceptPropertyComponent p : concept.definition().getProperty()) {
            if (datedFacts && CMS_PROPERTIES.contains(p.getCode())) {
                if (!overlaid) {
                    addFacts(out, wanted, knowledge.facts(concept.code(), date), "add-on".equals(concept.string("kind")));
                    overlaid = true;
                }
                continue;
            }
            if (!"parent".equals(p.getCode()) && wants(wanted, p.getCode())) {
                addProperty(out, p.getCode(), p.getValue());
            }
        }
        return out;
    }

    /** The CMS facts in force on the date, in the order the CodeSystems declare them. */
    private static void addFacts(Parameters out, Set<String> wanted, CmsFacts facts, boolean addOn) {
        FeeScheduleRow fees = facts.fees();
        if (fees == null) {
            return; // not in that year's fee schedule
        }
        addIfWanted(out, wanted, "globalDays", new StringType(fees.globalDays()));
        if (addOn) {
            for (String primary : facts.addOnPrimaries()) {
                addIfWanted(out, wanted, "addOnTo", new CodeType(primary));
            }
        }
        addIfWanted(out, wanted, "multipleProcedure", new CodeType(fees.multipleProcedure()));
        addIfWanted(out, wanted, "pctc", new CodeType(fees.pctc()));
        addIfWanted(out, wanted, "pfsStatus", new CodeType(fees.status()));
        if (facts.mue() != null) {
            addIfWanted(out, wanted, "mueUnits", new IntegerType(facts.mue().units()));
            addIfWanted(out, wanted, "mueAdjudication", new CodeType(facts.mue().adjudication()));
        }
        addIfWanted(out, wanted, "workRvu", decimal(fees.workRvu()));
        addIfWanted(out, wanted, "nonFacilityRvu", decimal(fees.nonFacilityRvu()));
        addIfWanted(out, wanted, "facilityRvu", decimal(fees.facilityRvu()));
        addIfWanted(out, wanted, "pfsRelease", new CodeType(facts.pfsRelease().id()));
        if (facts.ncciRelease() != null) {
            addIfWanted(out, wanted, "ncciRelease", new CodeType(facts.ncciRelease().id()));
        }
    }

    private static DecimalType decimal(BigDecimal value) {
        return new DecimalType(value);
    }

    private static void addIfWanted(Parameters out, Set<String> wanted, String code, org.hl7.fhir.r4.model.Type value) {
        if (wants(wanted, code)) {
            addProperty(out, code, value);
        }
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
