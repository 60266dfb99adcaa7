package org.dermcode.terminology;

import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.terminologies.utilities.ValidationResult;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * A CodeableConcept with several valid codings is answered with the first of them (its
 * {@code code}, {@code system}, {@code version}, {@code display} and status), as HL7's engine does
 * now; 6.6.7 reported the last one.
 */
final class FirstValidCoding {

    private FirstValidCoding() {
    }

    /**
     * The engine's result for {@code concept}, its reported coding the first valid one: checked again
     * alone, only when the engine reported another (another code, or the same code in another version
     * of its code system: {@link MultiVersionCodings} gives two codings of one code two versions).
     */
    static ValidationResult reported(IWorkerContext context, ValidationOptions options, CodeableConcept concept,
            ValueSet valueSet, ValidationResult result) {
        if (!result.isOk() || concept.getCoding().size() < 2 || result.getCodeableConcept() == null
                || result.getCode() == null) {
            return result;
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.getCode() == null || !isIn(result.getCodeableConcept(), coding)) {
                continue;
            }
            if (coding.getCode().equals(result.getCode()) && coding.getSystem() != null
                    && coding.getSystem().equals(result.getSystem())
                    && (!coding.hasVersion() || coding.getVersion().equals(result.getVersion()))) {
                return result;
            }
            ValidationResult alone = context.validateCode(options, coding, valueSet);
            if (alone.isOk() && alone.getCode() != null) {
                result.setSystem(alone.getSystem());
                result.setVersion(alone.getVersion());
                result.setDefinition(alone.asConceptDefinition());
                result.setDisplay(alone.getDisplay());
                result.setStatus(alone.isInactive(), alone.getStatus());
            }
            return result;
        }
        return result;
    }

    private static boolean isIn(CodeableConcept valid, Coding coding) {
        return valid.getCoding().stream().anyMatch(c -> coding.getCode().equals(c.getCode())
                && (coding.getSystem() == null || coding.getSystem().equals(c.getSystem())));
    }
}
