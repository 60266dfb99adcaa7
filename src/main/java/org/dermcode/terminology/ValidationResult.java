package org.dermcode.terminology;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/** The answer of {@code $validate-code}: result, an optional message, and what the code is. */
public record ValidationResult(boolean result, String message, String system, String version, String code,
        String display) {

    public static ValidationResult invalid(String message, String system, String code) {
        return new ValidationResult(false, message, system, null, code, null);
    }

    public Parameters toParameters() {
        Parameters out = new Parameters();
        out.addParameter().setName("result").setValue(new BooleanType(result));
        if (message != null) {
            out.addParameter().setName("message").setValue(new StringType(message));
        }
        if (display != null) {
            out.addParameter().setName("display").setValue(new StringType(display));
        }
        if (code != null) {
            out.addParameter().setName("code").setValue(new CodeType(code));
        }
        if (system != null) {
            out.addParameter().setName("system").setValue(new UriType(system));
        }
        if (version != null) {
            out.addParameter().setName("version").setValue(new StringType(version));
        }
        return out;
    }
}
