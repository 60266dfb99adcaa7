package org.dermcode.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.dermcode.TestTerminology;
import org.dermcode.terminology.CodeChecks;
import org.dermcode.terminology.CodeSystemIndex;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.CodingForm;
import org.dermcode.terminology.Concept;
import org.dermcode.terminology.LookupService;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

class ParametersJsonTest {

    private static final FhirContext FHIR = TestTerminology.FHIR;

    private static String hapi(Parameters parameters) {
        return FHIR.newJsonParser().encodeResourceToString(parameters);
    }

    private static String ours(Parameters parameters) throws IOException {
        assertThat(ParametersJson.writable(parameters)).as("writable").isTrue();
        StringWriter out = new StringWriter();
        ParametersJson.write(parameters, out);
        return out.toString();
    }

    @Test
    void everyLookupOfEveryHostedCodeIsWrittenAsHapiWritesIt() throws IOException {
        LookupService lookups = new LookupService(TestTerminology.REPOSITORY, TestTerminology.KNOWLEDGE, 0);
        int compared = 0;
        for (CodeSystemIndex index : TestTerminology.REPOSITORY.codeSystemIndexes()) {
            for (Concept concept : index.concepts()) {
                Parameters answer = lookups.lookup(TestTerminology.REPOSITORY, index.url(), index.version(),
                        concept.code(), List.of("*"));
                assertThat(ours(answer)).as("%s|%s#%s", index.url(), index.version(), concept.code())
                        .isEqualTo(hapi(answer));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(5_000);
    }

    @Test
    void validateCodeAnswersWithoutIssuesAreWrittenAsHapiWritesThem() throws IOException {
        CodeValidationService validation = new CodeValidationService(TestTerminology.EXPANSIONS);
        Parameters valid = validation.inCodeSystem(TestTerminology.REPOSITORY,
                List.of(new Coding("http://www.ama-assn.org/go/cpt", "11102", null)),
                new CodeChecks(CodingForm.CODE, null, false, false, false, false)).toParameters();
        assertThat(ours(valid)).isEqualTo(hapi(valid)).contains("\"valueBoolean\":true");
    }

    @Test
    void primitivesCodingsAndPartsMatchHapiIncludingEmptyValuesAndEscapes() throws IOException {
        Parameters p = new Parameters();
        p.addParameter().setName("string").setValue(new StringType("quote \" backslash \\ tab \t line\n é — ü"));
        p.addParameter().setName("control").setValue(new StringType("bell \u0007 end"));
        p.addParameter().setName("blank").setValue(new StringType("   "));
        p.addParameter().setName("null").setValue(new StringType());
        p.addParameter().setName("decimal").setValue(new DecimalType("6.050"));
        p.addParameter().setName("decimal-exp").setValue(new DecimalType("1e3"));
        p.addParameter().setName("negative").setValue(new DecimalType("-0.10"));
        p.addParameter().setName("integer").setValue(new IntegerType(-4));
        p.addParameter().setName("positive").setValue(new PositiveIntType(7));
        p.addParameter().setName("boolean").setValue(new BooleanType(false));
        p.addParameter().setName("uri").setValue(new UriType("http://example.org/a?b=c&d"));
        p.addParameter().setName("code").setValue(new CodeType("x"));
        p.addParameter().setName("dateTime").setValue(new DateTimeType("2026-12-01T10:15:00Z"));
        p.addParameter().setName("coding").setValue(new Coding("http://snomed.info/sct", "900000000000013009", "Synonym")
                .setVersion("2026").setUserSelected(true));
        p.addParameter().setName("coding-code-only").setValue(new Coding(null, "a", null));
        p.addParameter().setName("coding-empty").setValue(new Coding());
        p.addParameter();
        Parameters.ParametersParameterComponent nested = p.addParameter().setName("property");
        nested.addPart().setName("code").setValue(new CodeType("workRvu"));
        nested.addPart().setName("value").setValue(new DecimalType("19.97"));
        nested.addPart().addPart().setName("deep").setValue(new StringType("d"));
        nested.addPart();
        p.addParameter().setName("only-name");
        p.addParameter().setValue(new StringType("no name"));

        assertThat(ours(p)).isEqualTo(hapi(p));
    }

    @Test
    void emptyParametersMatchHapi() throws IOException {
        assertThat(ours(new Parameters())).isEqualTo(hapi(new Parameters()));
    }

    @Test
    void anythingBeyondThePlainShapeIsLeftToHapi() {
        Parameters withResource = new Parameters();
        withResource.addParameter().setName("issues").setResource(new OperationOutcome());
        Parameters withExtension = new Parameters();
        withExtension.addParameter().setName("x").setValue(new StringType("y"))
                .addExtension(new Extension("http://example.org/e", new StringType("z")));
        Parameters withValueExtension = new Parameters();
        StringType value = new StringType("y");
        value.addExtension(new Extension("http://example.org/e", new StringType("z")));
        withValueExtension.addParameter().setName("x").setValue(value);
        Parameters withId = new Parameters();
        withId.setId("p1");
        Parameters withElementId = new Parameters();
        withElementId.addParameter().setName("x").setId("e1");
        Parameters withCodeableConcept = new Parameters();
        withCodeableConcept.addParameter().setName("cc").setValue(new CodeableConcept().setText("t"));
        Parameters withCodingExtension = new Parameters();
        Coding coding = new Coding("s", "c", "d");
        coding.getCodeElement().addExtension(new Extension("http://example.org/e", new StringType("z")));
        withCodingExtension.addParameter().setName("c").setValue(coding);
        Parameters withMeta = new Parameters();
        withMeta.getMeta().setVersionId("1");

        for (Parameters p : List.of(withResource, withExtension, withValueExtension, withId, withElementId,
                withCodeableConcept, withCodingExtension, withMeta)) {
            assertThat(ParametersJson.writable(p)).as(hapi(p)).isFalse();
        }
    }
}
