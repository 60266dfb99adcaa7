package org.dermcode.fuzz;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.hardening.RequestBodyGuard;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;

/**
 * Bytes -> the server's pre-parse checks -> FHIR JSON parser -> ClaimValidationService (limits, then every coding rule; the profile
 * too with -Dfuzz.profile=true). A 4xx answer (parse error, limit, invalid request) is fine; any
 * other exception is a finding: the server would have answered 500.
 */
class ClaimValidationFuzzTest {

    static {
        FuzzSupport.seedCorpus(ClaimValidationFuzzTest.class, "validateClaim");
    }

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @FuzzTest(maxDuration = "5m")
    void validateClaim(byte[] input) {
        ClaimValidationService service = FuzzSupport.context().getBean(ClaimValidationService.class);
        IBaseResource resource;
        try {
            // what the server does before HAPI parses a body (RequestBodyGuard)
            RequestBodyGuard.checkBody(input, "application/fhir+json");
        } catch (InvalidRequestException e) {
            return; // 400 from the server
        }
        try {
            resource = FHIR.newJsonParser().parseResource(new String(input, StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException e) {
            return; // 400 from the server
        }
        if (resource instanceof Claim claim) {
            try {
                service.validate(claim);
            } catch (BaseServerResponseException e) {
                if (e.getStatusCode() >= 500) {
                    throw e;
                }
            }
        }
    }
}
