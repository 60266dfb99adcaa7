package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.model.ValueSet.ConceptSetComponent;

/**
 * The version side of {@code ValueSet/$validate-code} for one coding: which version of its code
 * system the code is checked in, and what is wrong with the versions involved. The value set's
 * include gives a version (after {@code force-system-version}, and with {@code system-version}
 * and {@code check-system-version} as defaults for a versionless include: {@link SystemVersionRules});
 * a coding version that is more precise than a wildcard include version is used as it is. The
 * problems are the specification's: the coding's version differs from the one the value set
 * uses, that one is refused by a {@code check-system-version}, or a version does not exist.
 *
 * <p>HL7's engine 6.6.7 lets the coding's version win over the value set's and compares
 * {@code check-system-version} literally (wildcards fail), so {@link TxOperations} hands it the
 * version chosen here and adds these issues to its answer.
 */
final class CodingVersionCheck {

    /**
     * {@code version}: the code system version to check the code in (null: none of that version
     * exists); {@code issues}: the problems found; {@code unknown}: the {@code system|version}
     * that does not exist (for {@code x-caused-by-unknown-system}), or null.
     */
    record Outcome(String system, String version, List<OperationOutcomeIssueComponent> issues, String unknown) {
        boolean hasErrors() {
            return issues.stream().anyMatch(i -> i.getSeverity() == IssueSeverity.ERROR);
        }

        /** The texts of the errors (else of the warnings), as a $validate-code message lists them. */
        List<String> messages() {
            List<String> texts = new ArrayList<>();
            boolean errors = hasErrors();
            for (OperationOutcomeIssueComponent issue : issues) {
                if (!errors || issue.getSeverity() == IssueSeverity.ERROR) {
                    texts.add(issue.getDetails().getText());
                }
            }
            return texts;
        }
    }

    private CodingVersionCheck() {
    }

    /**
     * The check of a coding of {@code system} (its version {@code codingVersion}, may be null)
     * in {@code valueSet}; null when it does not apply: the system is unknown, the value set does
     * not include it directly, or includes it in more than one version.
     *
     * @param path the coding's FHIRPath in the request ({@code Coding}, {@code CodeableConcept.coding[0]}),
     *             empty for the {@code code} / {@code system} / {@code systemVersion} form
     */
    static Outcome check(TxEngine.Session session, ValueSet valueSet, SystemVersionRules rules, String system,
            String codingVersion, String path) {
        if (valueSet == null || system == null) {
            return null;
        }
        Set<String> known = new HashSet<>();
        for (CodeSystem cs : session.codeSystemVersions(system)) {
            known.add(cs.getVersion());
        }
        Set<String> written = new HashSet<>();
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (system.equals(include.getSystem())) {
                written.add(include.hasVersion() ? include.getVersion() : "");
            }
        }
        if (known.isEmpty() || known.contains(null) || written.size() != 1) {
            return null;
        }
        String included = written.iterator().next();
        String valueSetVersion = included.isEmpty() ? null : included;
        SystemVersionRules.Rule decidedBy = rules.first(SystemVersionRules.FORCE, system);
        String wanted = decidedBy == null ? valueSetVersion : decidedBy.version();
        if (wanted == null) {
            decidedBy = rules.first(SystemVersionRules.DEFAULT, system);
            if (decidedBy == null) {
                decidedBy = rules.first(SystemVersionRules.CHECK, system);
            }
            wanted = decidedBy == null ? null : decidedBy.version();
        }
        if (codingVersion != null && wanted != null && SystemVersionRules.isWildcard(wanted)
                && SystemVersionRules.matches(wanted, codingVersion)) {
            wanted = codingVersion;
        }
        String version = wanted == null ? SystemVersionRules.newest(known, null)
                : SystemVersionRules.isWildcard(wanted) ? SystemVersionRules.newest(known, wanted)
                : known.contains(wanted) ? wanted : null;

        String prefix = path.isEmpty() ? "" : path + ".";
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        String unknown = null;
        if (version != null) {
            for (String check : rules.versions(SystemVersionRules.CHECK, system)) {
                if (!SystemVersionRules.matches(check, version)) {
                    issues.add(issue(IssueSeverity.ERROR, IssueType.EXCEPTION, "version-error", prefix + "version",
                            TxMessages.format("VALUESET_VERSION_CHECK", system, version, check)));
                }
            }
        }
        if (codingVersion != null) {
            if (version != null && !codingVersion.equals(version)
                    && !(SystemVersionRules.isWildcard(codingVersion) && SystemVersionRules.matches(codingVersion, version))) {
                String inValueSet = valueSetVersion == null ? "" : valueSetVersion;
                if (wanted == null) {
                    issues.add(issue(IssueSeverity.WARNING, IssueType.INVALID, "vs-invalid", prefix + "version",
                            TxMessages.format("VALUESET_VALUE_MISMATCH_DEFAULT", system, version, inValueSet, codingVersion)));
                } else if (!wanted.equals(valueSetVersion)) {
                    issues.add(issue(IssueSeverity.ERROR, IssueType.INVALID, "vs-invalid", prefix + "version",
                            TxMessages.format("VALUESET_VALUE_MISMATCH_CHANGED", system, wanted, inValueSet, codingVersion)));
                } else {
                    issues.add(issue(IssueSeverity.ERROR, IssueType.INVALID, "vs-invalid", prefix + "version",
                            TxMessages.format("VALUESET_VALUE_MISMATCH", system, valueSetVersion, codingVersion)));
                }
                if (!known.contains(codingVersion)) {
                    issues.add(unknownVersion(system, codingVersion, known, prefix));
                    unknown = system + "|" + codingVersion;
                }
            } else if (version == null && !codingVersion.equals(wanted)) {
                issues.add(issue(IssueSeverity.ERROR, IssueType.INVALID, "vs-invalid", prefix + "version",
                        TxMessages.format("VALUESET_VALUE_MISMATCH", system, wanted, codingVersion)));
            }
        }
        if (version == null) {
            issues.add(unknownVersion(system, wanted, known, prefix));
            unknown = system + "|" + wanted;
        }
        return new Outcome(system, version, issues, unknown);
    }

    private static OperationOutcomeIssueComponent unknownVersion(String system, String version, Set<String> known,
            String prefix) {
        return issue(IssueSeverity.ERROR, IssueType.NOTFOUND, "not-found", prefix + "system",
                TxMessages.format("UNKNOWN_CODESYSTEM_VERSION", system, version, SystemVersionRules.versionList(known)));
    }

    static OperationOutcomeIssueComponent issue(IssueSeverity severity, IssueType type, String txIssueType,
            String expression, String text) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(severity).setCode(type);
        issue.getDetails().addCoding(TxOperations.TX_ISSUE_TYPE, txIssueType, null);
        issue.getDetails().setText(text);
        issue.addLocation(expression);
        issue.getExpression().add(new StringType(expression));
        return issue;
    }
}
