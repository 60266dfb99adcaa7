package org.dermcode.claim;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

/**
 * HAPI's R4 core definitions, with "all structure definitions" meaning the base types and
 * resources only. HL7's validator converts every StructureDefinition in that list to R5 when its
 * first instance is built; the list otherwise also holds about 700 core extension definitions and
 * profiles (vital signs and the like) that a Claim's validation fetches by URL when it meets one,
 * if ever. Leaving them out of the list takes about half the work out of the validator's
 * start-up; each is still served by URL ({@link #fetchStructureDefinition}).
 */
final class BaseDefinitionsSupport extends DefaultProfileValidationSupport {

    BaseDefinitionsSupport(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        List<T> all = super.fetchAllStructureDefinitions();
        return all == null ? null : all.stream().filter(BaseDefinitionsSupport::isBaseDefinition).toList();
    }

    private static boolean isBaseDefinition(IBaseResource resource) {
        return !(resource instanceof StructureDefinition definition)
                || definition.getDerivation() != TypeDerivationRule.CONSTRAINT;
    }
}
