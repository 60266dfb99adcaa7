package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.terminology.TestEngine.value;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** A CodeableConcept with several valid codings is answered with the first valid one. */
class FirstValidCodingTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/letters";
    private static final String VS = "http://example.org/fhir/ValueSet/letters";
    private static final TxOperations TX = TestEngine.TX;

    private static Parameters validate(String... codes) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("a").setDisplay("A");
        cs.addConcept().setCode("b").setDisplay("B");
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        CodeableConcept concept = new CodeableConcept();
        for (String code : codes) {
            concept.addCoding().setSystem(CS).setCode(code);
        }
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName("codeableConcept").setValue(concept);
        List<IBaseResource> resources = new ArrayList<>(List.of(cs, vs));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }


    @Test
    void theFirstOfTwoValidCodingsIsReported() {
        Parameters out = validate("a", "b");
        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "code")).isEqualTo("a");
        assertThat(value(out, "display")).isEqualTo("A");
        assertThat(value(out, "system")).isEqualTo(CS);
        assertThat(value(out, "version")).isEqualTo("1");
    }

    @Test
    void theOrderOfTheConceptDecides() {
        Parameters out = validate("b", "a");
        assertThat(value(out, "code")).isEqualTo("b");
        assertThat(value(out, "display")).isEqualTo("B");
    }
}
