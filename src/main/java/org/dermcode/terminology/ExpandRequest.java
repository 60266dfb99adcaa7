package org.dermcode.terminology;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The checked parameters of one {@code $expand}; {@code systemVersions} (system -> version, from
 * {@code system-version}) is the version of an include without one, over the date's.
 */
public record ExpandRequest(
        ValueSet valueSet,
        String filter,
        LocalDate date,
        int offset,
        int count,
        boolean includeDesignations,
        boolean activeOnly,
        boolean excludeNested,
        String displayLanguage,
        List<String> properties,
        Map<String, String> systemVersions) {

    public ExpandRequest {
        systemVersions = systemVersions == null ? Map.of() : Map.copyOf(systemVersions);
    }

    /** Without {@code system-version}. */
    public ExpandRequest(ValueSet valueSet, String filter, LocalDate date, int offset, int count,
            boolean includeDesignations, boolean activeOnly, boolean excludeNested, String displayLanguage,
            List<String> properties) {
        this(valueSet, filter, date, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage,
                properties, Map.of());
    }
}
