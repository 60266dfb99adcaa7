package org.dermcode.terminology;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Coding;

/**
 * How a {@code $validate-code} request gave its code: as {@code code} (with {@code system}...), as a
 * {@code coding}, or as a {@code codeableConcept}. The issues of the answer point into that form
 * ({@code code}, {@code Coding.code}, {@code CodeableConcept.coding[1].code}), as HL7's engine writes them.
 */
public enum CodingForm {
    CODE, CODING, CODEABLE_CONCEPT;

    static CodingForm of(IPrimitiveType<?> code, Coding coding) {
        if (OperationArguments.text(code) != null) {
            return CODE;
        }
        return coding != null && !coding.isEmpty() ? CODING : CODEABLE_CONCEPT;
    }

    /** The FHIRPath of {@code element} of the coding at {@code index}, or of the coding itself when null. */
    String path(int index, String element) {
        return switch (this) {
            case CODE -> element == null ? "code" : element;
            case CODING -> element == null ? "Coding" : "Coding." + element;
            case CODEABLE_CONCEPT -> "CodeableConcept.coding[" + index + "]" + (element == null ? "" : "." + element);
        };
    }
}
