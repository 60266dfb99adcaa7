package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.terminology.TestEngine.value;
import static org.dermcode.terminology.TwoColourVersions.colours;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** ValueSet/$validate-code of a versionless coding in a value set that uses two versions of its code system. */
class MultiVersionCodingsTest {

    private static final String CS = TwoColourVersions.CS;
    private static final String VS = "http://example.org/fhir/ValueSet/colours";
    private static final TxOperations TX = TestEngine.TX;

    /** Both versions included; {@code excludeOld}: instead, 2.0.0 minus 1.0.0. */
    private static ValueSet valueSet(boolean excludeOld) {
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        if (excludeOld) {
            vs.getCompose().addExclude().setSystem(CS).setVersion("1.0.0");
        } else {
            vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        }
        return vs;
    }

    private static Parameters validate(ValueSet vs, String name, org.hl7.fhir.r4.model.Type value) {
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName(name).setValue(value);
        if (value instanceof CodeType) {
            r4.addParameter().setName("system").setValue(new UriType(CS));
        }
        List<IBaseResource> resources = new ArrayList<>(List.of(colours("1.0.0"), colours("2.0.0"), vs));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }


    @Test
    void aCodeOfTheOlderVersionOnlyIsFoundInIt() {
        Parameters out = validate(valueSet(false), "coding", new Coding().setSystem(CS).setCode("blue"));

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "version")).isEqualTo("1.0.0");
        assertThat(value(out, "display")).isEqualTo("Other 1.0.0");
        assertThat(out.getParameter()).noneMatch(p -> p.getName().equals("issues"));
    }

    @Test
    void aCodeInBothIsCheckedInTheNewestVersionWhereItIsValid() {
        Parameters newest = validate(valueSet(false), "coding", new Coding().setSystem(CS).setCode("green"));
        assertThat(value(newest, "result")).isEqualTo("true");
        assertThat(value(newest, "version")).isEqualTo("2.0.0");

        Parameters oldDisplay = validate(valueSet(false), "coding",
                new Coding().setSystem(CS).setCode("green").setDisplay("Green"));
        assertThat(value(oldDisplay, "result")).isEqualTo("true");
        assertThat(value(oldDisplay, "version")).isEqualTo("1.0.0");
    }

    @Test
    void aDisplayOfNoVersionIsWrongInTheNewest() {
        Parameters out = validate(valueSet(false), "coding",
                new Coding().setSystem(CS).setCode("green").setDisplay("Grass"));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "version")).isEqualTo("2.0.0");
        assertThat(value(out, "message")).contains("Grass");
    }

    @Test
    void aCodeAndSystemAreResolvedLikeACoding() {
        Parameters out = validate(valueSet(false), "code", new CodeType("blue"));

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "version")).isEqualTo("1.0.0");
    }

    @Test
    void theExcludeOfAnotherVersionDecidesMembership() {
        Parameters kept = validate(valueSet(true), "coding", new Coding().setSystem(CS).setCode("violet"));
        assertThat(value(kept, "result")).isEqualTo("true");
        assertThat(value(kept, "version")).isEqualTo("2.0.0");

        Parameters excluded = validate(valueSet(true), "coding", new Coding().setSystem(CS).setCode("red"));
        assertThat(value(excluded, "result")).isEqualTo("false");
    }

    @Test
    void eachCodingOfACodeableConceptIsCheckedInItsVersionAndTheConceptIsEchoedAsSent() {
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding().setSystem(CS).setCode("green").setDisplay("Leaf green");
        concept.addCoding().setSystem(CS).setCode("green").setDisplay("Green");

        Parameters out = validate(valueSet(false), "codeableConcept", concept);

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(out.getParameter()).noneMatch(p -> p.getName().equals("issues"));
        // the answer names the first coding, in the version it is valid in
        assertThat(value(out, "version")).isEqualTo("2.0.0");
        assertThat(value(out, "display")).isEqualTo("Leaf green");
        CodeableConcept echoed = (CodeableConcept) out.getParameter().stream()
                .filter(p -> p.getName().equals("codeableConcept")).findFirst().orElseThrow().getValue();
        assertThat(echoed.getCoding()).noneMatch(Coding::hasVersion);
    }

    @Test
    void theVersionsTriedShareOneBudgetPerRequest() {
        List<IBaseResource> resources = new ArrayList<>();
        for (String version : List.of("1.0.0", "2.0.0")) {
            CodeSystem cs = new CodeSystem().setUrl(CS).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                    .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
            for (int i = 0; i < 4_000; i++) {
                cs.addConcept().setCode("c" + i).setDisplay(version + " " + i);
            }
            resources.add(cs);
        }
        ValueSet vs = valueSet(false);
        resources.add(vs);
        Parameters shared = new Parameters();
        shared.addParameter().setName("url").setValue(new UriType(VS));
        List<TxRequest> entries = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Parameters entry = shared.copy();
            entry.addParameter().setName("coding").setValue(new Coding().setSystem(CS).setCode("c1")
                    .setDisplay("1.0.0 1"));
            entries.add(TestEngine.request(entry, List.of()));
        }

        List<org.hl7.fhir.r4.model.Resource> out = TX.batchValidateCode(
                TestEngine.request(shared, resources), entries,
                false, e -> { });

        // the first entry tries 2.0.0 then 1.0.0 (8,002 entries of 16,000); the second can afford one try only
        assertThat(value((Parameters) out.get(0), "version")).isEqualTo("1.0.0");
        assertThat(value((Parameters) out.get(0), "result")).isEqualTo("true");
        assertThat(value((Parameters) out.get(1), "version")).isEqualTo("2.0.0");
        assertThat(value((Parameters) out.get(1), "result")).isEqualTo("false");
    }

    @Test
    void aCodeInNoVersionIsNotInTheValueSet() {
        Parameters out = validate(valueSet(false), "coding", new Coding().setSystem(CS).setCode("black"));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(new StringType(value(out, "message")).getValue()).contains("black");
    }
}
