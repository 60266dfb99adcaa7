package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

/** {@code $validate-code} against a CodeSystem or a ValueSet. */
public final class CodeValidationService {

    private final ExpansionService expansions;

    public CodeValidationService(ExpansionService expansions) {
        this.expansions = expansions;
    }

    /** Validates the first coding that passes, else reports on the first one. */
    public ValidationResult inCodeSystem(TerminologyRepository scope, List<Coding> codings, LocalDate date,
            boolean abstractAllowed) {
        ValidationResult first = null;
        for (Coding coding : codings) {
            ValidationResult result = inCodeSystem(scope, coding, date, abstractAllowed);
            if (result.result()) {
                return result;
            }
            first = first == null ? result : first;
        }
        return first;
    }

    private ValidationResult inCodeSystem(TerminologyRepository scope, Coding coding, LocalDate date,
            boolean abstractAllowed) {
        String system = SystemUrls.normalize(coding.getSystem());
        String code = coding.getCode();
        String version = coding.hasVersion() ? coding.getVersion() : expansions.versionOn(scope, system, date);
        CodeSystemIndex index = scope.codeSystem(system, version).orElse(null);
        if (index == null) {
            return ValidationResult.invalid("Unknown code system '" + system + "'"
                    + (coding.hasVersion() ? " version " + coding.getVersion() : ""), system, code);
        }
        Concept concept = index.find(code).orElse(null);
        if (concept == null) {
            boolean possible = index.syntax().map(syntax -> syntax.allows(code)).orElse(true);
            if (index.isFragment() && possible && index.codeWithDots(code).isEmpty()) {
                return new ValidationResult(true, "Code '" + code + "' was not found in code system " + system
                        + ", but this server holds only a fragment of that code system, so the code may still be valid",
                        system, index.version(), code, null);
            }
            return ValidationResult.invalid("Unknown code '" + code + "' in code system " + system
                    + index.unknownCodeHint(code), system, code);
        }
        return judge(concept, system, index.version(), coding.getDisplay(), date, abstractAllowed, null);
    }

    /**
     * Validates the first coding that passes, else reports on the first one. Each code system the
     * value set includes without a version is taken in the coding's version when it has one, else in
     * the version in force on {@code date} (the newest without a date).
     */
    public ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet, List<Coding> codings,
            LocalDate date, boolean abstractAllowed, boolean activeOnly, boolean inferSystem) {
        Map<String, String> onDate = expansions.versionsOn(scope, date);
        ValidationResult first = null;
        for (Coding coding : codings) {
            ValidationResult result = inValueSet(scope, valueSet, onDate, coding, date, abstractAllowed, activeOnly,
                    inferSystem);
            if (result.result()) {
                return result;
            }
            first = first == null ? result : first;
        }
        return first;
    }

    private ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet, Map<String, String> onDate,
            Coding coding, LocalDate date, boolean abstractAllowed, boolean activeOnly, boolean inferSystem) {
        String codingSystem = SystemUrls.normalize(coding.getSystem());
        Map<String, String> pinned = onDate;
        if (codingSystem != null && coding.hasVersion()) {
            if (scope.codeSystem(codingSystem).isPresent() && scope.codeSystem(codingSystem, coding.getVersion()).isEmpty()) {
                return ValidationResult.invalid("Unknown code system '" + codingSystem + "' version "
                        + coding.getVersion(), codingSystem, coding.getCode());
            }
            pinned = new HashMap<>(onDate);
            pinned.put(codingSystem, coding.getVersion());
        }
        ExpansionService.Expansion content = expansions.contentIn(valueSet, scope, pinned, activeOnly);
        return inValueSet(scope, valueSet, content, pinned, coding, date, abstractAllowed, inferSystem);
    }

    private ValidationResult inValueSet(TerminologyRepository scope, ValueSet valueSet,
            ExpansionService.Expansion content, Map<String, String> pinned, Coding coding, LocalDate date,
            boolean abstractAllowed, boolean inferSystem) {
        String code = coding.getCode();
        String system = SystemUrls.normalize(coding.getSystem());
        String vsName = ValueSetExpander.describe(valueSet);
        if (system == null) {
            Set<String> systems = new LinkedHashSet<>();
            for (ExpansionEntry entry : content.entries()) {
                if (entry.code().equals(code)) {
                    systems.add(entry.system());
                }
            }
            if (!inferSystem) {
                throw new InvalidRequestException("Parameter 'system' is required with 'code' (or set inferSystem=true)");
            }
            if (systems.size() != 1) {
                return ValidationResult.invalid(systems.isEmpty()
                        ? "Code '" + code + "' is not in value set " + vsName
                        : "Code '" + code + "' is ambiguous in value set " + vsName + ": " + systems, null, code);
            }
            system = systems.iterator().next();
        }
        ExpansionEntry entry = content.byKey().get(system + "|" + code);
        if (entry == null) {
            CodeSystemIndex index = scope.codeSystem(system, pinned.get(system)).orElse(null);
            if (index != null && index.find(code).isEmpty()) {
                return ValidationResult.invalid("Unknown code '" + code + "' in code system " + system
                        + "; it is not in value set " + vsName, system, code);
            }
            return ValidationResult.invalid("Code '" + code + "' from " + system + " is not in value set " + vsName,
                    system, code);
        }
        if (coding.hasVersion() && entry.version() != null && !coding.getVersion().equals(entry.version())) {
            return ValidationResult.invalid("Code '" + code + "' from " + system + " version " + coding.getVersion()
                    + " is not in value set " + vsName + ", which includes version " + entry.version(), system, code);
        }
        if (entry.concept() == null) {
            return new ValidationResult(true, null, system, entry.version(), code, entry.display());
        }
        return judge(entry.concept(), system, entry.version(), coding.getDisplay(), date, abstractAllowed, vsName);
    }

    private static ValidationResult judge(Concept concept, String system, String version, String display,
            LocalDate date, boolean abstractAllowed, String valueSetName) {
        String code = concept.code();
        String where = valueSetName == null ? "" : " (value set " + valueSetName + ")";
        if (concept.isAbstract() && !abstractAllowed) {
            return new ValidationResult(false, "Code '" + code + "' is an abstract category and cannot be used"
                    + " as a code" + where, system, version, code, concept.display());
        }
        if (date != null && !concept.isEffectiveOn(date)) {
            return new ValidationResult(false, "Code '" + code + "' is not valid on " + date + effectivePeriod(concept)
                    + where, system, version, code, concept.display());
        }
        String message = null;
        if (concept.isInactive()) {
            message = "Code '" + code + "' is retired" + effectivePeriod(concept);
        }
        if (display != null && !display.isBlank() && concept.display() != null
                && !display.strip().equalsIgnoreCase(concept.display())) {
            String mismatch = "Display '" + display + "' does not match the display of '" + code + "': '"
                    + concept.display() + "'";
            message = message == null ? mismatch : message + "; " + mismatch;
        }
        return new ValidationResult(true, message, system, version, code, concept.display());
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
