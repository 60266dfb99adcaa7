package org.dermcode.terminology;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;

/** The checked parameters of one {@code $expand}. */
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
        List<String> properties) {}
