package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;

/**
 * Which version of a code system a value set's include uses, by the rules of the terminology
 * service specification ($expand / $validate-code parameters): {@code force-system-version}
 * overrides the include's version, the include's own version comes next, then
 * {@code system-version} (a default for versionless includes), then {@code check-system-version}
 * (also a default), else the newest version known. A version with wildcard parts ({@code 1.x.x},
 * {@code 1.0.*}) means the newest version that matches it; any other version must exist as
 * written ({@code 1} is not {@code 1.0.0}). Every {@code check-system-version} of the system must
 * match the version chosen.
 *
 * <p>HL7's engine 6.6.7 takes the newest version of a code system for every include, whatever
 * the include says; {@link TxOperations} uses these rules to show it only the version chosen.
 */
final class SystemVersionRules {

    static final String FORCE = "force-system-version";
    static final String DEFAULT = "system-version";
    static final String CHECK = "check-system-version";

    /** One {@code system|version} rule of the request. */
    record Rule(String name, String system, String version, ParametersParameterComponent parameter) {
    }

    /**
     * The version an include resolves to, the request rule that decided it (null when the
     * include's version or the newest version did), or the problem (a tx-issue-type code and
     * its text) when the version cannot be used.
     */
    record Choice(String system, String version, Rule decidedBy, String problemCode, String problem) {
        boolean failed() {
            return problem != null;
        }
    }

    private final List<Rule> rules;

    private SystemVersionRules(List<Rule> rules) {
        this.rules = rules;
    }

    static SystemVersionRules of(TxRequest request) {
        List<Rule> rules = new ArrayList<>();
        for (ParametersParameterComponent p : request.parameters().getParameter()) {
            if (!List.of(FORCE, DEFAULT, CHECK).contains(p.getName()) || p.getValue() == null) {
                continue;
            }
            String canonical = p.getValue().primitiveValue();
            int bar = canonical == null ? -1 : canonical.lastIndexOf('|');
            if (bar > 0 && bar < canonical.length() - 1) {
                rules.add(new Rule(p.getName(), canonical.substring(0, bar), canonical.substring(bar + 1), p));
            }
        }
        return new SystemVersionRules(rules);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The request's first rule of this name for this system, or null. */
    Rule first(String name, String system) {
        for (Rule rule : rules) {
            if (rule.name().equals(name) && rule.system().equals(system)) {
                return rule;
            }
        }
        return null;
    }

    /** The versions the request's rules of this name give for this system. */
    List<String> versions(String name, String system) {
        List<String> versions = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.name().equals(name) && rule.system().equals(system)) {
                versions.add(rule.version());
            }
        }
        return versions;
    }

    /**
     * The version of {@code system} that an include asking for {@code includeVersion} (null: no
     * version) uses, out of the {@code known} versions of that code system.
     */
    Choice choose(String system, String includeVersion, Collection<String> known) {
        Rule decidedBy = first(FORCE, system);
        String wanted = decidedBy == null ? includeVersion : decidedBy.version();
        if (wanted == null) {
            decidedBy = first(DEFAULT, system);
            if (decidedBy == null) {
                decidedBy = first(CHECK, system);
            }
            wanted = decidedBy == null ? null : decidedBy.version();
        }
        String version = wanted == null ? newest(known, null) : isWildcard(wanted) ? newest(known, wanted)
                : known.contains(wanted) ? wanted : null;
        if (version == null) {
            if (wanted == null) {
                return new Choice(system, null, null, null, null);
            }
            String text = known.isEmpty()
                    ? TxMessages.format("UNKNOWN_CODESYSTEM_VERSION_EXP_NONE", system, wanted)
                    : TxMessages.format("UNKNOWN_CODESYSTEM_VERSION_EXP", system, wanted, versionList(known));
            return new Choice(system, null, decidedBy, "not-found", text);
        }
        for (Rule check : rules) {
            if (check.name().equals(CHECK) && check.system().equals(system) && !matches(check.version(), version)) {
                return new Choice(system, version, decidedBy, "version-error",
                        TxMessages.format("VALUESET_VERSION_CHECK", system, version, check.version()));
            }
        }
        return new Choice(system, version, decidedBy, null, null);
    }

    /** True when a version part is a wildcard ({@code x}, {@code X} or {@code *}). */
    static boolean isWildcard(String version) {
        for (String part : version.split("[.\\-]")) {
            if (part.equals("x") || part.equals("X") || part.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code version} is {@code pattern}, or fits it where the pattern has wildcards. */
    static boolean matches(String pattern, String version) {
        if (!isWildcard(pattern)) {
            return pattern.equals(version);
        }
        String[] want = pattern.split("\\.");
        String[] have = version.split("\\.");
        for (int i = 0; i < want.length; i++) {
            boolean wild = want[i].equals("x") || want[i].equals("X") || want[i].equals("*");
            if (wild && i == want.length - 1) {
                return have.length >= want.length;
            }
            if (i >= have.length || !wild && !want[i].equals(have[i])) {
                return false;
            }
        }
        return have.length == want.length;
    }

    /** The newest of the versions (that match {@code pattern}, when given), or null. */
    static String newest(Collection<String> versions, String pattern) {
        String best = null;
        for (String v : versions) {
            if (v != null && (pattern == null || matches(pattern, v)) && (best == null || compare(v, best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    /** Orders versions part by part, numerically where both parts are numbers ({@code 1.10.0} after {@code 1.9.0}). */
    static int compare(String a, String b) {
        String[] x = a.split("[.\\-]");
        String[] y = b.split("[.\\-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            if (i >= x.length) {
                return -1;
            }
            if (i >= y.length) {
                return 1;
            }
            int c = x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** "1.0.0", "1.0.0 or 1.2.0", "1.0.0, 1.1.0 or 1.2.0": the known versions, sorted, as messages list them. */
    static String versionList(Collection<String> versions) {
        List<String> sorted = new ArrayList<>(versions);
        sorted.removeIf(java.util.Objects::isNull);
        java.util.Collections.sort(sorted);
        if (sorted.size() <= 1) {
            return String.join("", sorted);
        }
        return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " or " + sorted.get(sorted.size() - 1);
    }
}
