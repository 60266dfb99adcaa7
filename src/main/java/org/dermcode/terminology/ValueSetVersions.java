package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent;

/**
 * The code system versions one value set (and the value sets it imports) uses, chosen by
 * {@link SystemVersionRules} for each include and exclude, and applied to a request's engine
 * session: where a value set uses a single version of a code system that the session holds in
 * several versions, the others are hidden from the engine for that request (HL7's engine 6.6.7
 * expands the newest version of a url whatever the include says).
 */
final class ValueSetVersions {

    /** Value sets imported deeper than this are not looked into (the engine refuses such chains anyway). */
    private static final int MAX_DEPTH = 8;

    private final List<SystemVersionRules.Choice> choices = new ArrayList<>();
    private final Map<String, Set<String>> chosen = new LinkedHashMap<>();
    /** The version chosen for each include and exclude (by identity: two rules may be equal). */
    private final Map<ConceptSetComponent, String> bySet = new java.util.IdentityHashMap<>();

    private ValueSetVersions() {
    }

    /** Chooses the versions of every include and exclude of {@code valueSet} and of the value sets it imports. */
    static ValueSetVersions choose(TxEngine.Session session, ValueSet valueSet, SystemVersionRules rules) {
        ValueSetVersions versions = new ValueSetVersions();
        versions.walk(session, valueSet, rules, new HashSet<>(), 0);
        return versions;
    }

    private void walk(TxEngine.Session session, ValueSet valueSet, SystemVersionRules rules, Set<String> seen,
            int depth) {
        if (valueSet == null || depth > MAX_DEPTH || !seen.add(valueSet.getUrl() + "|" + valueSet.getVersion())) {
            return;
        }
        for (List<ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (ConceptSetComponent set : sets) {
                if (set.hasSystem()) {
                    List<String> known = new ArrayList<>();
                    for (CodeSystem cs : session.codeSystemVersions(set.getSystem())) {
                        known.add(cs.getVersion());
                    }
                    if (!known.isEmpty()) {
                        SystemVersionRules.Choice choice = rules.choose(set.getSystem(),
                                set.hasVersion() ? set.getVersion() : null, known);
                        choices.add(choice);
                        if (choice.version() != null) {
                            bySet.put(set, choice.version());
                            chosen.computeIfAbsent(set.getSystem(), k -> new LinkedHashSet<>()).add(choice.version());
                        }
                    }
                }
                for (CanonicalType imported : set.getValueSet()) {
                    walk(session, fetch(session, imported.getValue()), rules, seen, depth + 1);
                }
            }
        }
    }

    private static ValueSet fetch(TxEngine.Session session, String canonical) {
        if (canonical == null) {
            return null;
        }
        int bar = canonical.lastIndexOf('|');
        return bar > 0 ? session.context().fetchResource(ValueSet.class, canonical.substring(0, bar),
                canonical.substring(bar + 1)) : session.context().fetchResource(ValueSet.class, canonical);
    }

    /** The version chosen for one include or exclude of the value set (or an imported one), or null. */
    String versionOf(ConceptSetComponent set) {
        return bySet.get(set);
    }

    /** The first include whose version cannot be used (unknown, or refused by a check-system-version), or null. */
    SystemVersionRules.Choice problem() {
        return choices.stream().filter(SystemVersionRules.Choice::failed).findFirst().orElse(null);
    }

    /** The request rules that decided a version (they are echoed in the expansion's parameters). */
    List<SystemVersionRules.Rule> decidingRules() {
        List<SystemVersionRules.Rule> rules = new ArrayList<>();
        for (SystemVersionRules.Choice choice : choices) {
            if (choice.decidedBy() != null && !rules.contains(choice.decidedBy())) {
                rules.add(choice.decidedBy());
            }
        }
        return rules;
    }

    /**
     * The one version chosen for {@code system} where the value set names it in more than one
     * version (its expansion then says which version each code is from), else null.
     */
    String singleVersionOfOverloaded(ValueSet valueSet, String system) {
        Set<String> written = new HashSet<>();
        for (ConceptSetComponent set : valueSet.getCompose().getInclude()) {
            if (system.equals(set.getSystem()) && set.hasVersion()) {
                written.add(set.getVersion());
            }
        }
        Set<String> versions = chosen.get(system);
        return written.size() > 1 && versions != null && versions.size() == 1 ? versions.iterator().next() : null;
    }

    /** Hides from the session the versions of each code system that the value set uses in one version only. */
    void applyTo(TxEngine.Session session) {
        for (Map.Entry<String, Set<String>> entry : chosen.entrySet()) {
            if (entry.getValue().size() != 1) {
                continue;
            }
            String keep = entry.getValue().iterator().next();
            for (CodeSystem cs : session.codeSystemVersions(entry.getKey())) {
                if (!keep.equals(cs.getVersion())) {
                    session.hide(cs);
                }
            }
        }
    }
}
