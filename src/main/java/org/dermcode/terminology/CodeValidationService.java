package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/** {@code $validate-code} against a CodeSystem or a ValueSet. */
public final class CodeValidationService {

    private static final String OWN_DISPLAYS = "The displays of this code system are DermCode's own brief wording, "
            + "not the official descriptors, so a display that differs from them is not wrong";

    private final ExpansionService expansions;

    public CodeValidationService(ExpansionService expansions) {
        this.expansions = expansions;
    }

    /** Validates the first coding that passes, else reports on the first one. */
    public ValidationResult inCodeSystem(TerminologyRepository scope, List<Coding> codings, CodeChecks checks) {
        ValidationResult first = null;
        for (int i = 0; i < codings.size(); i++) {
            ValidationResult result = inCodeSystem(scope, codings.get(i), new Paths(checks.form(), i), checks);
            if (result.result()) {
                return result;
            }
            first = first == null ? result : first;
        }
        return first;
    }

    private ValidationResult inCodeSystem(TerminologyRepository scope, Coding coding, Paths paths, CodeChecks checks) {
        String system = SystemUrls.normalize(coding.getSystem());
        String code = coding.getCode();
        String version = coding.hasVersion() ? coding.getVersion() : expansions.versionOn(scope, system, checks.date());
        CodeSystemIndex index = scope.codeSystem(system, version).orElse(null);
        if (index == null) {
            return unknownSystem(scope, system, coding.hasVersion() ? coding.getVersion() : null, code, paths);
        }
        Concept concept = index.find(code).orElse(null);
        if (concept == null) {
            boolean possible = index.syntax().map(syntax -> syntax.allows(code)).orElse(true);
            if (index.isFragment() && possible && index.codeWithDots(code).isEmpty()) {
                return ValidationResult.of(true, system, index.version(), code, null, false, null, List.of(
                        TxIssue.of(IssueSeverity.WARNING, IssueType.CODEINVALID, "invalid-code",
                                I18nConstants.UNKNOWN_CODE_IN_FRAGMENT, paths.of("code"), code, system, index.version())));
            }
            return ValidationResult.of(false, system, index.version(), code, null, false, null,
                    withHint(List.of(unknownCode(index, code, paths)), index, code, paths));
        }
        return judge(index, concept, coding, paths, checks, null);
    }

    /**
     * Validates the first coding that passes, else reports on the first one. Each code system the
     * value set includes without a version is taken in the coding's version when it has one, else in
     * the version in force on the date of service (the newest without a date).
     */
    public ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet, List<Coding> codings,
            CodeChecks checks) {
        Map<String, String> onDate = expansions.versionsOn(scope, checks.date());
        ValidationResult first = null;
        for (int i = 0; i < codings.size(); i++) {
            ValidationResult result = inValueSet(scope, valueSet, onDate, codings.get(i), new Paths(checks.form(), i),
                    checks);
            if (result.result()) {
                return result;
            }
            first = first == null ? result : first;
        }
        return first;
    }

    private ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet, Map<String, String> onDate,
            Coding coding, Paths paths, CodeChecks checks) {
        String codingSystem = SystemUrls.normalize(coding.getSystem());
        Map<String, String> pinned = onDate;
        if (codingSystem != null && coding.hasVersion()) {
            if (scope.codeSystem(codingSystem).isPresent() && scope.codeSystem(codingSystem, coding.getVersion()).isEmpty()) {
                return unknownSystem(scope, codingSystem, coding.getVersion(), coding.getCode(), paths);
            }
            pinned = new HashMap<>(onDate);
            pinned.put(codingSystem, coding.getVersion());
        }
        ExpansionService.Expansion content = expansions.contentIn(valueSet, scope, pinned, checks.activeOnly());
        return inValueSet(scope, valueSet, content, pinned, coding, paths, checks);
    }

    private ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet,
            ExpansionService.Expansion content, Map<String, String> pinned, Coding coding, Paths paths,
            CodeChecks checks) {
        String code = coding.getCode();
        String system = SystemUrls.normalize(coding.getSystem());
        String vsName = canonical(valueSet);
        if (system == null) {
            Set<String> systems = new LinkedHashSet<>();
            for (ExpansionEntry entry : content.entries()) {
                if (entry.code().equals(code)) {
                    systems.add(entry.system());
                }
            }
            if (!checks.inferSystem()) {
                throw new InvalidRequestException("Parameter 'system' is required with 'code' (or set inferSystem=true)");
            }
            if (systems.size() != 1) {
                TxIssue issue = TxIssue.of(IssueSeverity.ERROR, IssueType.NOTFOUND, "cannot-infer",
                        "UNABLE_TO_INFER_CODESYSTEM", paths.of("system"), code, vsName);
                return ValidationResult.invalid(null, null, code, systems.isEmpty() ? issue
                        : issue.withDiagnostics("The code is in the value set in " + systems.size() + " code systems: "
                                + String.join(", ", systems)));
            }
            system = systems.iterator().next();
        }
        ExpansionEntry entry = content.byKey().get(system + "|" + code);
        if (entry == null) {
            String version = pinned.get(system);
            CodeSystemIndex index = scope.codeSystem(system, version).orElse(null);
            TxIssue notInValueSet = notInValueSet(coding, system, vsName, paths);
            if (index != null && index.find(code).isEmpty()) {
                return ValidationResult.of(false, system, index.version(), code, null, false, null,
                        withHint(List.of(notInValueSet, unknownCode(index, code, paths)), index, code, paths));
            }
            if (index == null && scope.codeSystem(system).isEmpty()) {
                return ValidationResult.of(false, system, null, code, null, false, system,
                        List.of(unknownSystemIssue(system, paths), notInValueSet));
            }
            return ValidationResult.invalid(system, index == null ? null : index.version(), code, notInValueSet);
        }
        if (coding.hasVersion() && entry.version() != null && !coding.getVersion().equals(entry.version())) {
            return ValidationResult.invalid(system, entry.version(), code, TxIssue.of(IssueSeverity.ERROR,
                    IssueType.INVALID, "vs-invalid", "VALUESET_VALUE_MISMATCH", paths.of("version"), system,
                    entry.version(), coding.getVersion()));
        }
        if (entry.concept() == null) {
            return ValidationResult.of(true, system, entry.version(), code, entry.display(), false, null, List.of());
        }
        CodeSystemIndex index = scope.codeSystem(system, entry.version()).orElse(null);
        String found = system;
        return judge(index, entry.concept(), coding, paths, checks, () -> notInValueSet(coding, found, vsName, paths));
    }

    /**
     * The answer on a code the code system holds: an abstract code where none is allowed, a code not
     * in force on the date of service and a wrong display are errors (a wrong display is a warning
     * with {@code lenient-display-validation}, information on a code system with our own displays);
     * a retired code passes with a warning, a code in the wrong case with information.
     * {@code notInValueSet} makes the value set's error for a code that does not pass (only then:
     * its text is formatted), or is null on a code system.
     */
    private static ValidationResult judge(CodeSystemIndex index, Concept concept, Coding coding, Paths paths,
            CodeChecks checks, Supplier<TxIssue> notInValueSet) {
        String system = SystemUrls.normalize(coding.getSystem());
        String version = index == null ? null : index.version();
        String code = concept.code();
        List<TxIssue> issues = new ArrayList<>();
        boolean valid = true;
        if (concept.isAbstract() && !checks.abstractAllowed()) {
            issues.add(TxIssue.of(IssueSeverity.ERROR, IssueType.BUSINESSRULE, "code-rule", "ABSTRACT_CODE_NOT_ALLOWED",
                    paths.of("code"), system, code));
            valid = false;
        }
        LocalDate date = checks.date();
        if (date != null && !concept.isEffectiveOn(date)) {
            issues.add(TxIssue.of(IssueSeverity.ERROR, IssueType.BUSINESSRULE, "code-rule", "DERMCODE_NOT_IN_FORCE",
                    paths.of("code"), code, date.toString(), effectivePeriod(concept)));
            valid = false;
        }
        if (!valid && notInValueSet != null) {
            issues.add(notInValueSet.get());
        }
        if (!code.equals(coding.getCode())) {
            issues.add(TxIssue.of(IssueSeverity.INFORMATION, IssueType.BUSINESSRULE, "code-rule",
                    "CODE_CASE_DIFFERENCE", paths.of("code"), coding.getCode(), code,
                    version == null ? system : system + "|" + version));
        }
        boolean ownDisplays = index != null && index.hasOwnDisplays();
        TxIssue wrongDisplay = wrongDisplay(concept, coding, system, paths,
                ownDisplays ? IssueSeverity.INFORMATION : checks.lenientDisplay() ? IssueSeverity.WARNING
                        : IssueSeverity.ERROR);
        if (wrongDisplay != null) {
            issues.add(ownDisplays ? wrongDisplay.withDiagnostics(OWN_DISPLAYS) : wrongDisplay);
            valid = valid && !wrongDisplay.isError();
        }
        // on a date of service a code with a retirement date was in force that day or not (the error
        // above); without a date, or without a retirement date, its status says whether it is inactive
        boolean inactive = concept.isInactive() && (date == null || concept.retirementDate() == null);
        if (inactive) {
            issues.add(TxIssue.of(IssueSeverity.WARNING, IssueType.BUSINESSRULE, "code-comment",
                    "INACTIVE_CONCEPT_FOUND", paths.of(null), "inactive", code)
                    .withDiagnostics(retirement(concept)));
        }
        return ValidationResult.of(valid, system, version, code, concept.display(), inactive, null, issues);
    }

    /**
     * The issue on a display that is neither the concept's display nor one of its designations (HL7's
     * engine takes every designation as a valid display), ignoring case; null when it is one, or when
     * the request gives none.
     */
    private static TxIssue wrongDisplay(Concept concept, Coding coding, String system, Paths paths,
            IssueSeverity severity) {
        String display = coding.getDisplay();
        if (display == null || display.isBlank() || concept.display() == null) {
            return null;
        }
        List<String> valid = new ArrayList<>();
        valid.add(concept.display());
        concept.definition().getDesignation().stream().filter(d -> d.hasValue()).forEach(d -> valid.add(d.getValue()));
        String given = display.strip();
        if (valid.stream().anyMatch(given::equalsIgnoreCase)) {
            return null;
        }
        String choices = String.join(", ", valid.subList(0, valid.size() - 1).stream().map(v -> "'" + v + "'").toList());
        choices = valid.size() == 1 ? "'" + valid.get(0) + "'" : choices + " or '" + valid.get(valid.size() - 1) + "'";
        return TxIssue.plural(severity, IssueType.INVALID,
                severity == IssueSeverity.INFORMATION ? "display-comment" : "invalid-display",
                OwnDisplays.DISPLAY_ISSUE, valid.size(),
                paths.of("display"), valid.size(), system, concept.code(), choices, display, "--");
    }

    /** A code system, or a version of one, that the scope does not have. */
    private static ValidationResult unknownSystem(TerminologyRepository scope, String system, String version,
            String code, Paths paths) {
        List<String> known = system == null ? List.of()
                : scope.codeSystemVersions(system).stream().filter(Objects::nonNull).toList();
        if (version == null || known.isEmpty()) {
            return ValidationResult.of(false, system, null, code, null, false, system,
                    List.of(unknownSystemIssue(system, paths)));
        }
        return ValidationResult.of(false, system, null, code, null, false, system + "|" + version, List.of(
                TxIssue.of(IssueSeverity.ERROR, IssueType.NOTFOUND, "not-found", "UNKNOWN_CODESYSTEM_VERSION",
                        paths.of("system"), system, version, SystemVersionRules.versionList(known))));
    }

    private static TxIssue unknownSystemIssue(String system, Paths paths) {
        return TxIssue.of(IssueSeverity.ERROR, IssueType.NOTFOUND, "not-found", "UNKNOWN_CODESYSTEM", paths.of("system"),
                system);
    }

    private static TxIssue unknownCode(CodeSystemIndex index, String code, Paths paths) {
        return TxIssue.of(IssueSeverity.ERROR, IssueType.CODEINVALID, "invalid-code", "Unknown_Code_in_Version",
                paths.of("code"), code, index.url(), index.version());
    }

    /** The issues, and a hint on a likely typo or a code the system cannot have, if there is one. */
    private static List<TxIssue> withHint(List<TxIssue> issues, CodeSystemIndex index, String code, Paths paths) {
        List<String> hints = new ArrayList<>();
        index.codeWithDots(code).ifPresent(known -> hints.add("did you mean " + known + "?"));
        index.syntax().filter(syntax -> !syntax.allows(code))
                .ifPresent(syntax -> hints.add("it cannot be a code of this system: " + syntax.description()));
        if (hints.isEmpty()) {
            return issues;
        }
        List<TxIssue> withHint = new ArrayList<>(issues);
        withHint.add(TxIssue.of(IssueSeverity.INFORMATION, IssueType.CODEINVALID, "invalid-code", ValidationResult.HINT,
                paths.of("code"), code, String.join("; ", hints)));
        return withHint;
    }

    private static TxIssue notInValueSet(Coding coding, String system, String valueSet, Paths paths) {
        String display = coding.hasDisplay() ? " ('" + coding.getDisplay() + "')" : "";
        String coded = "'" + system + (coding.hasVersion() ? "|" + coding.getVersion() : "") + "#" + coding.getCode()
                + display + "'";
        return TxIssue.of(IssueSeverity.ERROR, IssueType.CODEINVALID, "not-in-vs",
                "None_of_the_provided_codes_are_in_the_value_set_one", paths.of("code"), coded, valueSet);
    }

    /** A value set as HL7's engine names it in its messages: url|version. */
    private static String canonical(ValueSet valueSet) {
        return valueSet.hasVersion() ? valueSet.getUrl() + "|" + valueSet.getVersion() : valueSet.getUrl();
    }

    private static String retirement(Concept concept) {
        String period = effectivePeriod(concept);
        return period.isEmpty() ? null : "Code '" + concept.code() + "'" + period;
    }

    /** The paths of the issues on one coding of the request. */
    private record Paths(CodingForm form, int index) {
        String of(String element) {
            return form.path(index, element);
        }
    }

    static String effectivePeriod(Concept concept) {
        LocalDate from = concept.effectiveDate();
        LocalDate until = concept.retirementDate();
        if (from != null && until != null) {
            return " (valid from " + from + " until " + until.minusDays(1) + ")";
        }
        if (until != null) {
            return " (retired on " + until + "; valid for dates of service before " + until + ")";
        }
        if (from != null) {
            return " (valid for dates of service from " + from + ")";
        }
        return "";
    }
}
