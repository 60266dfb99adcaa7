package org.dermcode.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dermcode.TestTerminology;
import org.dermcode.terminology.ExpandRequest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** {@link ValueSetJson} writes our expansions byte for byte as HAPI's parser does, and leaves the rest to HAPI. */
class ValueSetJsonTest {

    private static final FhirContext FHIR = TestTerminology.FHIR;

    private static String hapi(ValueSet valueSet) {
        return FHIR.newJsonParser().encodeResourceToString(valueSet);
    }

    private static String ours(ValueSet valueSet) throws IOException {
        StringWriter out = new StringWriter();
        ValueSetJson.write(valueSet, out);
        return out.toString();
    }

    private static ValueSet expand(ValueSet valueSet, String filter, LocalDate date, int offset, int count,
            boolean designations, boolean activeOnly, boolean excludeNested) {
        return TestTerminology.EXPANSIONS.expand(new ExpandRequest(valueSet, filter, date, offset, count, designations,
                activeOnly, excludeNested, null, List.of(), Map.of()), TestTerminology.REPOSITORY);
    }

    @Test
    void everyHostedExpansionIsWrittenAsHapiWritesIt() throws IOException {
        int compared = 0;
        for (ValueSet valueSet : TestTerminology.REPOSITORY.all(ValueSet.class)) {
            for (ValueSet expansion : List.of(
                    expand(valueSet, null, null, 0, 100, false, false, false),
                    expand(valueSet, "biopsy", null, 0, 10, false, false, false),
                    expand(valueSet, null, LocalDate.of(2024, 6, 1), 2, 5, true, false, false),
                    expand(valueSet, "skin", null, 0, 1000, true, true, true))) {
                assertThat(ValueSetJson.writable(expansion)).as(valueSet.getUrl()).isTrue();
                assertThat(ours(expansion)).as(valueSet.getUrl()).isEqualTo(hapi(expansion));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(80);
    }

    @Test
    void escapesNestingAndEmptyElementsAsHapiDoes() throws IOException {
        ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs").setStatus(
                org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT).setExperimental(true)
                .setDescription("quote \" backslash \\ tab \t é — ü").setTitle("   ");
        valueSet.setId("vs-1");
        valueSet.getExpansion().setIdentifier("urn:uuid:1").setTotal(2).setOffset(0)
                .addParameter().setName("flag").setValue(new BooleanType(true));
        valueSet.getExpansion().addParameter().setName("blank").setValue(new StringType());
        ValueSet.ValueSetExpansionContainsComponent parent = valueSet.getExpansion().addContains()
                .setSystem("http://example.org/cs").setCode("a").setDisplay("A").setAbstract(true).setInactive(false);
        parent.addContains().setSystem("http://example.org/cs").setCode("a1").setVersion("1")
                .addDesignation().setLanguage("de").setValue("A eins").getUse().setSystem("http://snomed.info/sct")
                .setCode("900000000000013009");
        valueSet.getExpansion().addContains();
        assertThat(ValueSetJson.writable(valueSet)).isTrue();
        assertThat(ours(valueSet)).isEqualTo(hapi(valueSet));
    }

    @Test
    void whatIsNotOfThatShapeIsLeftToHapi() {
        ValueSet withMeta = new ValueSet().setUrl("http://example.org/vs");
        withMeta.getExpansion().setTotal(0);
        assertThat(ValueSetJson.writable(withMeta)).isTrue();
        withMeta.setMeta(new Meta().setVersionId("1"));
        assertThat(ValueSetJson.writable(withMeta)).isFalse();

        ValueSet withCompose = new ValueSet().setUrl("http://example.org/vs");
        withCompose.getExpansion().setTotal(0);
        withCompose.getCompose().addInclude().setSystem("http://example.org/cs");
        assertThat(ValueSetJson.writable(withCompose)).isFalse();

        ValueSet withExtension = new ValueSet().setUrl("http://example.org/vs");
        withExtension.getExpansion().addContains().setCode("a")
                .addExtension("http://example.org/ext", new StringType("x"));
        assertThat(ValueSetJson.writable(withExtension)).isFalse();

        ValueSet withoutExpansion = new ValueSet().setUrl("http://example.org/vs");
        assertThat(ValueSetJson.writable(withoutExpansion)).isFalse();
    }
}
