package org.dermcode.claim;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.dermcode.config.FhirPlainProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST /Claim/$validate-claim}: the body is a Claim, a Parameters with the Claim in
 * {@code resource}, or a Bundle of Claims (answered with a Bundle of OperationOutcomes, one per
 * Claim in order, each entry with its Claim entry's {@code fullUrl}). A Bundle's other entries
 * (Patient, Organization, Coverage...) are the Claims' context: they are not validated or answered.
 */
public final class ValidateClaimProvider implements FhirPlainProvider {

    private final ClaimValidationService service;

    public ValidateClaimProvider(ClaimValidationService service) {
        this.service = service;
    }

    @Description(shortDefinition = "Validate a dermatology claim",
            value = "Checks a Claim against the dermatology coding rules (modifiers, add-on codes, NCCI "
            + "bundling, MUE units, sequencing, dates, diagnoses) and the derm-claim profile. The body "
            + "is a Claim, a Parameters resource with the Claim in 'resource', or a Bundle of Claims "
            + "(answered with a Bundle of OperationOutcomes, in order). Each issue names its rule in "
            + "details.coding (system http://dermcode.org/fhir/CodeSystem/claim-rule), says what is "
            + "wrong and how to fix it in details.text, and points at the element in expression. A "
            + "clean claim gets one information issue.")
    @Operation(name = "$validate-claim", type = Claim.class, idempotent = false)
    public IBaseResource validateClaim(
            @Description(value = "The Claim (or Bundle of Claims) to validate")
            @OperationParam(name = "resource", min = 1, max = 1) IBaseResource resource,
            ca.uhn.fhir.rest.api.server.RequestDetails request) {
        if (request != null && request.getResource() instanceof Parameters parameters
                && parameters.getParameter().stream().filter(p -> "resource".equals(p.getName())).count() > 1) {
            throw new InvalidRequestException("Parameter 'resource' is repeated: send one Claim per Parameters, or a"
                    + " Bundle of Claims");
        }
        if (resource == null) {
            throw new InvalidRequestException("The request holds no Claim: send a Claim, a Bundle of Claims, or a"
                    + " Parameters resource with the Claim in a parameter named 'resource'");
        }
        long sourceLength = request == null ? Long.MAX_VALUE : request.loadRequestContents().length;
        if (resource instanceof Claim claim) {
            return service.validate(claim, sourceLength);
        }
        if (resource instanceof Bundle bundle) {
            return validateBatch(bundle, sourceLength);
        }
        if (resource instanceof Parameters) {
            throw new InvalidRequestException("The Parameters resource holds no Claim in a parameter named 'resource'");
        }
        throw new InvalidRequestException("Expected a Claim (or a Bundle of Claims), but the request holds a "
                + resource.fhirType());
    }

    private Bundle validateBatch(Bundle bundle, long sourceLength) {
        if (bundle.getEntry().isEmpty()) {
            throw new InvalidRequestException("The Bundle has no entries: send at least one Claim");
        }
        service.checkBatch(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Claim.class::isInstance).map(Claim.class::cast).toList());
        if (bundle.getEntry().stream().noneMatch(entry -> entry.getResource() instanceof Claim)) {
            throw new InvalidRequestException("Expected a Claim or a Bundle of Claims, but no entry of the Bundle is a"
                    + " Claim");
        }
        Bundle result = new Bundle();
        result.setType(Bundle.BundleType.COLLECTION);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Claim claim) {
                result.addEntry().setFullUrl(entry.getFullUrl()).setResource(service.validate(claim, sourceLength));
            }
        }
        return result;
    }
}
