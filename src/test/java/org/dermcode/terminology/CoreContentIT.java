package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The FHIR core code systems and value sets (HAPI's bundled R4 definitions), served on demand by
 * HL7's engine when a request names one we do not host (CoreTerminology).
 */
class CoreContentIT extends ServerIT {

    private static final String GENDER_VS = "http://hl7.org/fhir/ValueSet/administrative-gender";
    private static final String GENDER = "http://hl7.org/fhir/administrative-gender";

    private ValueSet expand(Parameters in) {
        return client.operation().onType(ValueSet.class).named("$expand").withParameters(in)
                .returnResourceType(ValueSet.class).execute();
    }

    @Test
    void aCoreValueSetExpandsWithItsCoreCodeSystem() {
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType(GENDER_VS));
        ValueSet out = client.operation().onType(ValueSet.class).named("$expand").withParameters(in).useHttpGet()
                .returnResourceType(ValueSet.class).execute();

        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("male", "female", "other", "unknown");
        assertThat(out.getExpansion().getParameter()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("used-codesystem");
            assertThat(p.getValue().primitiveValue()).isEqualTo(GENDER + "|4.0.1");
        });
    }

    @Test
    void codesAreValidatedAgainstACoreValueSetAndACoreCodeSystem() {
        Parameters good = client.operation().onType(ValueSet.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(GENDER_VS))
                .andParameter("system", new UriType(GENDER)).andParameter("code", new CodeType("female"))
                .useHttpGet().execute();
        assertThat(value(good, "result").primitiveValue()).isEqualTo("true");
        assertThat(value(good, "display").primitiveValue()).isEqualTo("Female");

        Parameters bad = client.operation().onType(CodeSystem.class).named("$validate-code")
                .withParameter(Parameters.class, "url", new UriType(GENDER))
                .andParameter("code", new CodeType("bogus")).useHttpGet().execute();
        assertThat(value(bad, "result").primitiveValue()).isEqualTo("false");
        assertThat(value(bad, "message").primitiveValue()).contains("bogus", GENDER);
    }

    @Test
    void aTxResourceValueSetMayImportACoreValueSet() {
        ValueSet twoGenders = new ValueSet().setUrl("http://example.org/fhir/ValueSet/two-genders")
                .setStatus(PublicationStatus.ACTIVE);
        twoGenders.getCompose().addInclude().addValueSet(GENDER_VS);
        twoGenders.getCompose().addExclude().setSystem(GENDER).addConcept().setCode("other");
        twoGenders.getCompose().getExcludeFirstRep().addConcept().setCode("unknown");
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType(twoGenders.getUrl()));
        in.addParameter().setName("tx-resource").setResource(twoGenders);

        assertThat(expand(in).getExpansion().getContains())
                .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("male", "female");
    }

    @Test
    void anUnknownValueSetInHl7sNamespaceIsStillNotFound() {
        Parameters in = new Parameters();
        in.addParameter().setName("url").setValue(new UriType("http://hl7.org/fhir/ValueSet/no-such-value-set"));
        assertThatThrownBy(() -> expand(in)).isInstanceOf(ResourceNotFoundException.class);
    }
}
