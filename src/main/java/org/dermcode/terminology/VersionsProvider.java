package org.dermcode.terminology;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import org.dermcode.config.FhirPlainProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code $versions} at the server's base: the FHIR versions this server speaks (R4 only). The HL7
 * tools ask it first, to know which version to talk to a terminology server in.
 */
public final class VersionsProvider implements FhirPlainProvider {

    static final String FHIR_VERSION = "4.0";

    @Description(shortDefinition = "FHIR versions of this server",
            value = "The FHIR versions this server speaks and its default (4.0: R4 only).")
    @Operation(name = "$versions", idempotent = true)
    public Parameters versions() {
        Parameters out = new Parameters();
        out.addParameter().setName("version").setValue(new CodeType(FHIR_VERSION));
        out.addParameter().setName("default").setValue(new CodeType(FHIR_VERSION));
        return out;
    }
}
