package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dermcode.terminology.TwoColourVersions.colours;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** $expand of a value set with excludes or with two versions of one code system, rule by rule. */
class ComposedExpansionTest {

    private static final String CS = TwoColourVersions.CS;
    private static final String VS = "http://example.org/fhir/ValueSet/colours";
    private static final TxOperations TX = TestEngine.TX;

    private static ValueSet valueSet() {
        return new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
    }

    private static ValueSet expand(ValueSet vs, Object... nameValue) {
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        for (int i = 0; i < nameValue.length; i += 2) {
            r4.addParameter().setName((String) nameValue[i]).setValue((org.hl7.fhir.r4.model.Type) nameValue[i + 1]);
        }
        List<IBaseResource> resources = new ArrayList<>(List.of(colours("1.0.0"), colours("2.0.0"), vs));
        return TX.expand(TestEngine.request(r4, resources), null);
    }

    /** Each code as code|version. */
    private static List<String> codes(ValueSet out) {
        return out.getExpansion().getContains().stream().map(c -> c.getCode() + "|" + c.getVersion()).toList();
    }

    private static List<String> parameters(ValueSet out) {
        return out.getExpansion().getParameter().stream()
                .map(p -> p.getName() + "=" + p.getValue().primitiveValue()).toList();
    }

    private static void versionsMatch(ValueSet vs, String value) {
        Extension parameter = vs.getCompose().addExtension()
                .setUrl("http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter");
        parameter.addExtension("name", new org.hl7.fhir.r4.model.CodeType("versionsMatch"));
        parameter.addExtension("value", new StringType(value));
    }

    @Test
    void twoVersionsGiveEachCodeWithItsVersionTheNewestFirst() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");

        ValueSet out = expand(vs);

        assertThat(codes(out)).containsExactly("red|2.0.0", "green|2.0.0", "violet|2.0.0", "red|1.0.0",
                "green|1.0.0", "blue|1.0.0");
        assertThat(out.getExpansion().getTotal()).isEqualTo(6);
        assertThat(out.getExpansion().getContains().get(1).getDisplay()).isEqualTo("Leaf green");
        assertThat(out.getExpansion().getContains().get(4).getDisplay()).isEqualTo("Green");
        assertThat(parameters(out)).contains("used-codesystem=" + CS + "|1.0.0", "used-codesystem=" + CS + "|2.0.0");
    }

    @Test
    void aVersionlessIncludeBesideAVersionedOneIsTheNewestVersionInItsPlace() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS);

        assertThat(codes(expand(vs))).containsExactly("red|1.0.0", "green|1.0.0", "blue|1.0.0", "red|2.0.0",
                "green|2.0.0", "violet|2.0.0");
    }

    @Test
    void versionsMatchKeepsACodeOnceAndSaysSo() {
        ValueSet vs = valueSet();
        versionsMatch(vs, "true");
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");

        ValueSet out = expand(vs);

        assertThat(codes(out)).containsExactly("red|2.0.0", "green|2.0.0", "violet|2.0.0", "blue|1.0.0");
        assertThat(parameters(out)).contains("versionsMatch=true");
    }

    @Test
    void excludingOneVersionFromAnotherComparesCodes() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        vs.getCompose().addExclude().setSystem(CS).setVersion("1.0.0");

        ValueSet out = expand(vs);

        assertThat(codes(out)).containsExactly("violet|2.0.0");
        assertThat(parameters(out)).contains("versionsMatch=true", "used-codesystem=" + CS + "|1.0.0");
    }

    @Test
    void withVersionsMatchFalseAnExcludeOfAnotherVersionRemovesNothing() {
        ValueSet vs = valueSet();
        versionsMatch(vs, "false");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        vs.getCompose().addExclude().setSystem(CS).setVersion("1.0.0");

        ValueSet out = expand(vs);

        assertThat(codes(out)).containsExactly("red|2.0.0", "green|2.0.0", "violet|2.0.0");
        assertThat(parameters(out)).noneMatch(p -> p.startsWith("versionsMatch"));
    }

    @Test
    void anExcludeOfACodeOfOneVersionKeepsItInTheOther() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        vs.getCompose().addExclude().setSystem(CS).setVersion("1.0.0").addConcept().setCode("green");

        assertThat(codes(expand(vs))).containsExactly("red|2.0.0", "green|2.0.0", "violet|2.0.0", "red|1.0.0",
                "blue|1.0.0");
    }

    @Test
    void anExcludeOfAWholeCodeSystemRemovesAllItsCodes() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).addConcept().setCode("red");
        vs.getCompose().addExclude().setSystem(CS);

        ValueSet out = expand(vs);

        assertThat(out.getExpansion().getContains()).isEmpty();
        assertThat(out.getExpansion().getTotal()).isZero();
        assertThat(parameters(out)).contains("used-codesystem=" + CS + "|2.0.0");
    }

    @Test
    void anExcludeWithConceptsAndAValueSetRemovesOnlyTheCodesInBoth() {
        ValueSet reds = new ValueSet().setUrl(VS + "-reds").setStatus(PublicationStatus.ACTIVE);
        reds.getCompose().addInclude().setSystem(CS).addConcept().setCode("red");
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS);
        ValueSet.ConceptSetComponent exclude = vs.getCompose().addExclude().setSystem(CS);
        exclude.addConcept().setCode("red");
        exclude.addConcept().setCode("green");
        exclude.addValueSet(reds.getUrl());
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        List<IBaseResource> resources = new ArrayList<>(List.of(colours("2.0.0"), vs, reds));

        ValueSet out = TX.expand(TestEngine.request(r4, resources),
                null);

        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("green", "violet");
    }

    @Test
    void countAndOffsetPageTheCombinedCodesAndTotalCountsThemAll() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        vs.getCompose().addExclude().setSystem(CS).setVersion("1.0.0").addConcept().setCode("red");

        ValueSet out = expand(vs, "count", new IntegerType(2), "offset", new IntegerType(3));

        assertThat(codes(out)).containsExactly("green|1.0.0", "blue|1.0.0");
        assertThat(out.getExpansion().getTotal()).isEqualTo(5);
        assertThat(out.getExpansion().getOffset()).isEqualTo(3);
        assertThat(parameters(out)).contains("count=2", "offset=3").doesNotContain("count=1000");
    }

    @Test
    void aValueSetOfOneVersionWithoutExcludesIsTheEnginesAlone() {
        ValueSet vs = valueSet();
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        vs.getCompose().addInclude().setSystem(CS).setVersion("1.0.0").addConcept().setCode("red");

        assertThat(ComposedExpansion.needed((org.hl7.fhir.r5.model.ValueSet) TxEngine.toR5(vs))).isFalse();
        vs.getCompose().getInclude().get(1).setVersion("2.0.0");
        assertThat(ComposedExpansion.needed((org.hl7.fhir.r5.model.ValueSet) TxEngine.toR5(vs))).isTrue();
    }

    @Test
    void listingManyVersionsCountsEachAgainstTheEngineBudget() {
        CodeSystem big = new CodeSystem().setUrl(CS).setVersion("1.0.0").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (int i = 0; i < 2_000; i++) {
            big.addConcept().setCode("c" + i);
        }
        ValueSet vs = valueSet();
        for (int i = 0; i < 8; i++) {
            vs.getCompose().addInclude().setSystem(CS).setVersion(i == 0 ? "1.0.0" : "1.0." + i);
        }
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        List<IBaseResource> resources = new ArrayList<>(List.of(big, vs));

        assertThatThrownBy(() -> TX.expand(TestEngine.request(r4, resources), null)).isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(422));
    }

    @Test
    void theVersionsTakenOutForOneRuleAreBackForTheNextRequest() {
        ValueSet both = valueSet();
        both.getCompose().addInclude().setSystem(CS).setVersion("1.0.0");
        both.getCompose().addInclude().setSystem(CS).setVersion("2.0.0");
        expand(both);

        ValueSet newest = valueSet();
        newest.getCompose().addInclude().setSystem(CS);
        assertThat(codes(expand(newest))).containsExactly("red|null", "green|null", "violet|null");
    }
}
