package org.dermcode.terminology;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermcode.knowledge.Knowledge;

/**
 * Which version of a hosted code system is in force on a date of service, as {@link Knowledge}
 * says: CPT and HCPCS versions are fee-schedule years, ICD-10-CM versions fiscal years.
 */
public final class ReleaseVersions {

    /** The code systems whose versions are releases with a period in force. */
    private static final List<String> DATED_SYSTEMS = List.of(SystemUrls.CPT, SystemUrls.HCPCS, SystemUrls.ICD10CM);

    private final Knowledge knowledge;

    public ReleaseVersions(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** The version in force on the date ("2026"), or null for a null date or a system without releases. */
    public String versionOn(String system, LocalDate date) {
        if (date == null) {
            return null;
        }
        String normalized = SystemUrls.normalize(system);
        if (SystemUrls.ICD10CM.equals(normalized)) {
            return knowledge.icdFiscalYear(date).year();
        }
        if (SystemUrls.CPT.equals(normalized) || SystemUrls.HCPCS.equals(normalized)) {
            return knowledge.pfsRelease(date).year();
        }
        return null;
    }

    /** The version of the system in force on the date if the scope holds it; otherwise null (the newest). */
    String heldVersionOn(TerminologyRepository scope, String system, LocalDate date) {
        String version = versionOn(system, date);
        return version != null && scope.codeSystem(system, version).isPresent() ? version : null;
    }

    /** For each dated code system the scope holds in the version in force on the date: system -> version. */
    Map<String, String> heldVersionsOn(TerminologyRepository scope, LocalDate date) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String system : DATED_SYSTEMS) {
            String version = heldVersionOn(scope, system, date);
            if (version != null) {
                result.put(system, version);
            }
        }
        return result;
    }
}
