package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.IntegerType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionContainsComponent;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionParameterComponent;
import org.hl7.fhir.r5.terminologies.expansion.ValueSetExpansionOutcome;

/**
 * The expansion of a value set that HL7's engine 6.6.7 cannot expand in one go: one that uses a
 * code system in more than one version (the engine sees one version per url), or that has
 * excludes (6.6.7 ignores an exclude of a whole code system and removes the union, not the
 * intersection, of an exclude's concepts and value sets; with {@code count} its total is off).
 *
 * <p>Each include, and each exclude that is more than a whole code system, is expanded by the
 * engine alone, against the version {@link ValueSetVersions} chose for it (the session shows the
 * engine only that version for the call); the results are then combined as the specification
 * and HL7's newer engines do: the excludes first (a whole-system exclude removes every code of
 * that system, the others remove the codes they expand to), then the includes in order, the
 * versions of one code system newest first; a code is kept once per {@code system|version}, or
 * once per system with {@code versionsMatch} (the first one wins). Where the value set uses a
 * code system in several versions, every code says its version. Then {@code offset} and
 * {@code count} page the result and {@code total} counts it all.
 *
 * <p>The engine does the same work as for the whole value set (each include and exclude is
 * expanded once; {@link EngineCost} counts them all before the request runs).
 */
final class ComposedExpansion {

    static final String VERSIONS_MATCH = "versionsMatch";
    private static final String EXPANSION_PARAMETER = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter";

    private ComposedExpansion() {
    }

    /** True when the value set has excludes or uses a code system in more than one version. */
    static boolean needed(ValueSet valueSet) {
        return valueSet.getCompose().hasExclude() || differingVersions(valueSet);
    }

    /**
     * True when one code system appears with different versions (or with and without one) in the
     * value set's includes and excludes: the expansion then gives each code's version.
     */
    static boolean differingVersions(ValueSet valueSet) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (List<ConceptSetComponent> sets : List.of(valueSet.getCompose().getExclude(),
                valueSet.getCompose().getInclude())) {
            for (ConceptSetComponent set : sets) {
                if (!set.hasSystem()) {
                    continue;
                }
                String version = set.hasVersion() ? set.getVersion() : "";
                String known = versions.putIfAbsent(set.getSystem(), version);
                if (known != null && !known.equals(version)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Expands {@code valueSet} rule by rule. {@code parameters} are the engine's expansion
     * parameters; their {@code offset} and {@code count} are applied here, to the combined codes.
     * The answer is the first failing rule's outcome, or the combined expansion.
     */
    static ValueSetExpansionOutcome expand(TxEngine.Session session, ValueSet valueSet, ValueSetVersions versions,
            Parameters parameters) {
        Parameters perRule = parameters.copy();
        perRule.getParameter().removeIf(p -> List.of("offset", "count").contains(p.getName()));
        VersionsMatch match = versionsMatch(valueSet, parameters);
        boolean reportVersions = differingVersions(valueSet);
        // a code's version tells codes apart only where the value set uses several versions of its system
        boolean byVersion = reportVersions && !match.value();
        ValueSet shell = shell(valueSet);
        ValueSet result = null;
        List<ValueSetExpansionParameterComponent> echoed = new ArrayList<>();

        // whole code systems excluded: system|version, or system| for every version
        Set<String> excludedSystems = new HashSet<>();
        Set<String> excludedKeys = new HashSet<>();
        for (ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
            if (exclude.hasSystem() && !exclude.hasConcept() && !exclude.hasFilter() && !exclude.hasValueSet()
                    && !match.specialCase()) {
                String version = versions.versionOf(exclude);
                excludedSystems.add(exclude.getSystem() + "|" + (exclude.hasVersion() && version != null && !match.value()
                        ? version : ""));
                continue;
            }
            ValueSetExpansionOutcome part = expandRule(session, shell, valueSet, exclude, versions, perRule);
            if (part.getValueset() == null) {
                return part;
            }
            merge(echoed, part.getValueset().getExpansion().getParameter());
            for (ValueSetExpansionContainsComponent c : flat(part.getValueset().getExpansion().getContains())) {
                excludedKeys.add(key(c, versionOf(exclude, versions, c), byVersion));
            }
        }

        Map<String, ValueSetExpansionContainsComponent> kept = new LinkedHashMap<>();
        List<ValueSet.ValueSetExpansionPropertyComponent> properties = new ArrayList<>();
        for (ConceptSetComponent include : newestFirst(valueSet.getCompose().getInclude())) {
            ValueSetExpansionOutcome part = expandRule(session, shell, valueSet, include, versions, perRule);
            if (part.getValueset() == null) {
                return part;
            }
            if (result == null) {
                result = part.getValueset();
            }
            merge(echoed, part.getValueset().getExpansion().getParameter());
            for (ValueSet.ValueSetExpansionPropertyComponent p : part.getValueset().getExpansion().getProperty()) {
                if (properties.stream().noneMatch(q -> q.getCode() != null && q.getCode().equals(p.getCode()))) {
                    properties.add(p);
                }
            }
            for (ValueSetExpansionContainsComponent c : flat(part.getValueset().getExpansion().getContains())) {
                String version = versionOf(include, versions, c);
                if (excludedSystems.contains(c.getSystem() + "|")
                        || excludedSystems.contains(c.getSystem() + "|" + version)
                        || excludedKeys.contains(key(c, version, byVersion))) {
                    continue;
                }
                if (reportVersions && version != null) {
                    c.setVersion(version);
                }
                kept.putIfAbsent(key(c, version, byVersion), c);
            }
        }
        if (result == null) {
            result = shell.copy();
        }
        if (match.echo()) {
            echoed.removeIf(p -> VERSIONS_MATCH.equals(p.getName()));
            echoed.add(new ValueSetExpansionParameterComponent().setName(VERSIONS_MATCH).setValue(new BooleanType(true)));
        }
        return new ValueSetExpansionOutcome(combine(result, echoed, properties, new ArrayList<>(kept.values()),
                parameters));
    }

    /** The combined expansion: all codes counted, then the page asked for. */
    private static ValueSet combine(ValueSet result, List<ValueSetExpansionParameterComponent> echoed,
            List<ValueSet.ValueSetExpansionPropertyComponent> properties, List<ValueSetExpansionContainsComponent> codes,
            Parameters parameters) {
        ValueSet.ValueSetExpansionComponent expansion = new ValueSet.ValueSetExpansionComponent();
        expansion.setIdentifier("urn:uuid:" + java.util.UUID.randomUUID());
        expansion.setTimestamp(new Date());
        expansion.setTotal(codes.size());
        expansion.getParameter().addAll(echoed);
        expansion.getProperty().addAll(properties);
        int offset = integer(parameters, "offset", 0);
        int count = integer(parameters, "count", Integer.MAX_VALUE);
        if (parameters.hasParameter("offset")) {
            expansion.setOffset(offset);
            expansion.addParameter().setName("offset").setValue(new IntegerType(offset));
        }
        if (parameters.hasParameter("count")) {
            expansion.addParameter().setName("count").setValue(new IntegerType(count));
        }
        int end = (int) Math.min(codes.size(), (long) offset + count);
        if (offset < end) {
            expansion.getContains().addAll(codes.subList(offset, end));
        }
        result.setExpansion(expansion);
        result.setCompose(null);
        return result;
    }

    private static int integer(Parameters parameters, String name, int otherwise) {
        if (!parameters.hasParameter(name) || parameters.getParameterValue(name) == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(parameters.getParameterValue(name).primitiveValue().strip()));
        } catch (NumberFormatException e) {
            throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                    "Parameter '" + name + "' must be a whole number");
        }
    }

    /** The value set without its compose and expansion: what each rule's value set starts from. */
    private static ValueSet shell(ValueSet valueSet) {
        ValueSet shell = new ValueSet();
        valueSet.copyValues(shell);
        shell.setCompose(null);
        shell.setExpansion(null);
        return shell;
    }

    /** A value set of one rule of {@code valueSet} (an exclude becomes the include), pinned to its version. */
    private static ValueSetExpansionOutcome expandRule(TxEngine.Session session, ValueSet shell, ValueSet valueSet,
            ConceptSetComponent rule, ValueSetVersions versions, Parameters parameters) {
        ValueSet part = shell.copy();
        if (valueSet.getCompose().hasInactive()) {
            part.getCompose().setInactive(valueSet.getCompose().getInactive());
        }
        if (valueSet.getCompose().hasLockedDate()) {
            part.getCompose().setLockedDate(valueSet.getCompose().getLockedDate());
        }
        for (Extension extension : valueSet.getCompose().getExtension()) {
            if (!(EXPANSION_PARAMETER.equals(extension.getUrl())
                    && VERSIONS_MATCH.equals(extension.getExtensionString("name")))) {
                part.getCompose().addExtension(extension.copy());
            }
        }
        ConceptSetComponent include = rule.copy();
        part.getCompose().addInclude(include);
        String version = versions.versionOf(rule);
        if (!include.hasSystem() || version == null) {
            return session.context().expandVS(part, false, false, true, parameters);
        }
        include.setVersion(version);
        return session.withOnlyVersion(include.getSystem(), version,
                () -> session.context().expandVS(part, false, false, true, parameters));
    }

    /** The version a code of one rule is from: the rule's, or the one the engine reported. */
    private static String versionOf(ConceptSetComponent rule, ValueSetVersions versions,
            ValueSetExpansionContainsComponent c) {
        String version = rule.hasSystem() && rule.getSystem().equals(c.getSystem()) ? versions.versionOf(rule) : null;
        return version != null ? version : c.hasVersion() ? c.getVersion() : null;
    }

    private static String key(ValueSetExpansionContainsComponent c, String version, boolean byVersion) {
        return c.getSystem() + (!byVersion || version == null ? "" : "|" + version) + "#" + c.getCode();
    }

    /** The includes, the versions of one code system newest first (HL7's newer engines read them so). */
    static List<ConceptSetComponent> newestFirst(List<ConceptSetComponent> includes) {
        List<ConceptSetComponent> sorted = new ArrayList<>(includes);
        sorted.sort((a, b) -> a.hasSystem() && a.getSystem().equals(b.getSystem()) && a.hasVersion() && b.hasVersion()
                ? -SystemVersionRules.compare(a.getVersion(), b.getVersion()) : 0);
        return sorted;
    }

    /** Every code of an expansion, children after their parent, without their nesting. */
    private static List<ValueSetExpansionContainsComponent> flat(List<ValueSetExpansionContainsComponent> contains) {
        List<ValueSetExpansionContainsComponent> all = new ArrayList<>();
        for (ValueSetExpansionContainsComponent c : contains) {
            if (c.hasCode()) {
                all.add(c);
            }
            all.addAll(flat(c.getContains()));
            c.getContains().clear();
        }
        return all;
    }

    private static void merge(List<ValueSetExpansionParameterComponent> into,
            List<ValueSetExpansionParameterComponent> parameters) {
        for (ValueSetExpansionParameterComponent p : parameters) {
            if (List.of("offset", "count").contains(p.getName())) {
                continue; // the combined expansion is paged as a whole
            }
            String value = p.getValue() == null ? null : p.getValue().primitiveValue();
            if (into.stream().noneMatch(q -> q.getName().equals(p.getName())
                    && java.util.Objects.equals(value, q.getValue() == null ? null : q.getValue().primitiveValue()))) {
                into.add(p);
            }
        }
    }

    /**
     * {@code versionsMatch}: codes of different versions of one system are the same code. From the
     * request or the value set's expansion parameters; where neither sets it, true when every
     * include and exclude names one code system, each with a version, and no exclude names an
     * included version (excluding one version from another compares codes: HL7's newer engines
     * read it so, and then say so in the expansion).
     */
    record VersionsMatch(boolean value, boolean echo, boolean specialCase) {
    }

    static VersionsMatch versionsMatch(ValueSet valueSet, Parameters parameters) {
        String explicit = parameters.hasParameter(VERSIONS_MATCH) && parameters.getParameterValue(VERSIONS_MATCH) != null
                ? parameters.getParameterValue(VERSIONS_MATCH).primitiveValue() : null;
        for (Extension extension : valueSet.getCompose().getExtension()) {
            if (explicit == null && EXPANSION_PARAMETER.equals(extension.getUrl())
                    && VERSIONS_MATCH.equals(extension.getExtensionString("name"))) {
                Extension value = extension.getExtensionByUrl("value");
                explicit = value == null || value.getValue() == null ? null : value.getValue().primitiveValue();
            }
        }
        if (explicit != null) {
            boolean value = "true".equals(explicit);
            return new VersionsMatch(value, value, !value && crossVersionExclude(valueSet));
        }
        boolean special = crossVersionExclude(valueSet);
        return new VersionsMatch(special, special, special);
    }

    /** Every include and exclude names the same code system with a version, and no exclude an included version. */
    private static boolean crossVersionExclude(ValueSet valueSet) {
        List<ConceptSetComponent> includes = valueSet.getCompose().getInclude();
        List<ConceptSetComponent> excludes = valueSet.getCompose().getExclude();
        if (includes.isEmpty() || excludes.isEmpty() || !includes.get(0).hasSystem()) {
            return false;
        }
        String system = includes.get(0).getSystem();
        List<ConceptSetComponent> all = new ArrayList<>(includes);
        all.addAll(excludes);
        if (!all.stream().allMatch(s -> system.equals(s.getSystem()) && s.hasVersion())) {
            return false;
        }
        return includes.stream().noneMatch(i -> excludes.stream().anyMatch(e -> e.getVersion().equals(i.getVersion())));
    }
}
