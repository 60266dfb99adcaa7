package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dermcode.terminology.TestEngine.value;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** Requests that bring their own terminology, answered by HL7's engine (TxEngine) over theirs and ours. */
class TxOperationsTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/colours";
    private static final String VS = "http://example.org/fhir/ValueSet/colours";
    private static final TxOperations TX = TestEngine.TX;

    /** A code system that uses the standard 'status' property without declaring it (FHIR defines it). */
    private static CodeSystem colours(String version) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("red").setDisplay("Red");
        cs.addConcept().setCode("grey").setDisplay("Grey").addProperty().setCode("status")
                .setValue(new CodeType("retired"));
        return cs;
    }

    private static ValueSet all() {
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        return vs;
    }

    private static TxRequest request(List<IBaseResource> resources, Object... nameValue) {
        Parameters r4 = new Parameters();
        for (int i = 0; i < nameValue.length; i += 2) {
            r4.addParameter().setName((String) nameValue[i]).setValue((org.hl7.fhir.r4.model.Type) nameValue[i + 1]);
        }
        return TestEngine.request(r4, new ArrayList<>(resources));
    }


    @Test
    void expandsATxResourceValueSetAndSaysWhichCodeSystemVersionItUsed() {
        ValueSet out = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS)), null);

        assertThat(out.getExpansion().getTotal()).isEqualTo(2);
        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("red", "grey");
        assertThat(out.getExpansion().getParameter()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("used-codesystem");
            assertThat(p.getValue().primitiveValue()).isEqualTo(CS + "|2.0.0");
        });
    }

    @Test
    void countZeroGivesTheTotalWithoutCodes() {
        ValueSet out = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "count", new org.hl7.fhir.r4.model.IntegerType(0)), null);
        assertThat(out.getExpansion().getTotal()).isEqualTo(2);
        assertThat(out.getExpansion().getContains()).isEmpty();

        ValueSet one = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "count", new org.hl7.fhir.r4.model.IntegerType(1)), null);
        assertThat(one.getExpansion().getContains()).hasSize(1);
    }

    @Test
    void validatesACodeOfATxResourceCodeSystemWithTheHl7Messages() {
        Parameters good = TX.validateCode(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "system", new UriType(CS), "code", new CodeType("red")), false, null);
        assertThat(value(good, "result")).isEqualTo("true");
        assertThat(value(good, "display")).isEqualTo("Red");
        assertThat(value(good, "version")).isEqualTo("2.0.0");

        Parameters bad = TX.validateCode(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "system", new UriType(CS), "code", new CodeType("blue")), false, null);
        assertThat(value(bad, "result")).isEqualTo("false");
        assertThat(value(bad, "message")).contains("Unknown code 'blue'").contains(CS);
        OperationOutcome issues = (OperationOutcome) bad.getParameter().stream()
                .filter(p -> p.getName().equals("issues")).findFirst().orElseThrow().getResource();
        assertThat(issues.getIssue()).anySatisfy(i -> assertThat(i.getDetails().getCodingFirstRep().getCode())
                .isEqualTo("invalid-code"));
    }

    @Test
    void aRetiredCodeIsValidButInactive() {
        Parameters out = TX.validateCode(request(List.of(colours("2.0.0")), "url", new UriType(CS),
                "code", new CodeType("grey")), true, null);
        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "inactive")).isEqualTo("true");
    }

    @Test
    void aRequestsResourcesAreNotSeenByTheNextRequest() {
        TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS)), null);

        assertThatThrownBy(() -> TX.expand(request(List.of(), "url", new UriType(VS)), null))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void ourOwnValueSetsAreThereForRequestsThatBringTheirOwn() {
        ValueSet out = TX.expand(request(List.of(colours("2.0.0")), "url",
                new UriType("http://dermcode.org/fhir/ValueSet/derm-mohs")), null);
        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .contains("17311");
    }

    @Test
    void aTxResourceThatIsNoTerminologyIs400() {
        assertThatThrownBy(() -> TX.expand(request(List.of(new org.hl7.fhir.r4.model.Patient(), all()), "url",
                new UriType(VS)), null))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class)
                .hasMessageContaining("tx-resource").hasMessageContaining("Patient");
    }

    @Test
    void valueSetsWithMoreComposeRulesThanTheLimitAre422TooCostlyBeforeTheEngineRuns() {
        ValueSet many = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        for (int i = 0; i <= TxOperations.MAX_COMPOSE_RULES; i++) {
            many.getCompose().addInclude().setSystem(SystemUrls.ICD10CM);
        }
        assertThatThrownBy(() -> TX.expand(request(List.of(many), "url", new UriType(VS)), null))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class)
                .hasMessageContaining("more than " + TxOperations.MAX_COMPOSE_RULES)
                .satisfies(e -> assertThat(((OperationOutcome) ((ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException) e)
                        .getOperationOutcome()).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY));
        assertThatThrownBy(() -> TX.validateCode(request(List.of(many), "url", new UriType(VS), "system",
                new UriType(SystemUrls.ICD10CM), "code", new CodeType("L57.0")), false, null))
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class);
    }

    @Test
    void valueSetsAtTheLimitAreExpanded() {
        ValueSet some = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        for (int i = 0; i < TxOperations.MAX_COMPOSE_RULES; i++) {
            some.getCompose().addInclude().setSystem(CS);
        }
        ValueSet out = TX.expand(request(List.of(colours("2.0.0"), some), "url", new UriType(VS)), null);
        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("red", "grey");
    }

    @Test
    void excludeNestedIsEchoedOnlyWhenAsked() {
        ValueSet out = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "excludeNested", new BooleanType(true)), null);
        assertThat(out.getExpansion().getParameter()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("excludeNested"));
        ValueSet plain = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS)), null);
        assertThat(plain.getExpansion().getParameter()).noneSatisfy(p -> assertThat(p.getName()).isEqualTo("count"));
    }

    @Test
    void aTextFilterSelectsCodesFlatAndCountsThem() {
        ValueSet out = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "filter", new org.hl7.fhir.r4.model.StringType("gr")), null);

        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("grey");
        assertThat(out.getExpansion().getTotal()).isEqualTo(1);
        assertThat(out.getExpansion().getParameter()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("filter");
            assertThat(p.getValue().primitiveValue()).isEqualTo("gr");
        });

        ValueSet none = TX.expand(request(List.of(colours("2.0.0"), all()), "url", new UriType(VS),
                "filter", new org.hl7.fhir.r4.model.StringType("blue")), null);
        assertThat(none.getExpansion().getContains()).isEmpty();
        assertThat(none.getExpansion().getTotal()).isZero();
    }

    /** polygon (square), circle. */
    private static CodeSystem shapes() {
        CodeSystem shapes = new CodeSystem().setUrl("http://example.org/fhir/CodeSystem/shapes").setVersion("1")
                .setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE)
                .setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        CodeSystem.ConceptDefinitionComponent polygon = shapes.addConcept().setCode("polygon").setDisplay("Polygon");
        polygon.addConcept().setCode("square").setDisplay("Square");
        shapes.addConcept().setCode("circle").setDisplay("Circle");
        return shapes;
    }

    @Test
    void anInlineValueSetKeepsHavingNoUrlAndItsContainedValueSetsAreNotUsedOnes() {
        ValueSet inner = new ValueSet().setUrl("http://example.org/fhir/ValueSet/round").setStatus(PublicationStatus.ACTIVE);
        inner.setId("round");
        inner.getCompose().addInclude().setSystem("http://example.org/fhir/CodeSystem/shapes").addConcept()
                .setCode("circle");
        ValueSet inline = new ValueSet().setStatus(PublicationStatus.ACTIVE);
        inline.addContained(inner);
        inline.getCompose().addInclude().addValueSet("#round");
        Parameters r4 = new Parameters();
        r4.addParameter().setName("valueSet").setResource(inline);
        ValueSet out = TX.expand(TestEngine.request(r4, new ArrayList<>(List.of(shapes()))), null);

        assertThat(out.hasUrl()).isFalse();
        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactly("circle");
        assertThat(out.getExpansion().getParameter()).noneSatisfy(p ->
                assertThat(p.getName()).isEqualTo("used-valueset"));
    }

    @Test
    void anIsAFilterOnTheCodePropertyIsOneOnTheConcept() {
        CodeSystem shapes = shapes();
        ValueSet polygons = new ValueSet().setUrl("http://example.org/fhir/ValueSet/polygons")
                .setStatus(PublicationStatus.ACTIVE);
        polygons.getCompose().addInclude().setSystem(shapes.getUrl()).addFilter().setProperty("code")
                .setOp(ValueSet.FilterOperator.ISA).setValue("polygon");

        ValueSet out = TX.expand(request(List.of(shapes, polygons), "url", new UriType(polygons.getUrl()),
                "excludeNested", new BooleanType(true)), null);

        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("polygon", "square");
    }

    /** red; grey (retired) with a child silver; teal (deprecated, which is still active). */
    private static CodeSystem statuses() {
        CodeSystem cs = colours("3.0.0");
        cs.getConcept().get(1).addConcept().setCode("silver").setDisplay("Silver");
        cs.addConcept().setCode("teal").setDisplay("Teal").addProperty().setCode("status")
                .setValue(new CodeType("deprecated"));
        return cs;
    }

    private static ValueSet.ValueSetExpansionContainsComponent find(List<ValueSet.ValueSetExpansionContainsComponent> all,
            String code) {
        for (ValueSet.ValueSetExpansionContainsComponent c : all) {
            if (code.equals(c.getCode())) {
                return c;
            }
            ValueSet.ValueSetExpansionContainsComponent nested = find(c.getContains(), code);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    @Test
    void aDeprecatedCodeIsActiveAndARetiredOneInactiveBothWithTheirStatus() {
        ValueSet out = TX.expand(request(List.of(statuses(), all()), "url", new UriType(VS)), null);

        ValueSet.ValueSetExpansionContainsComponent teal = find(out.getExpansion().getContains(), "teal");
        assertThat(teal.hasInactive()).isFalse();
        ValueSet.ValueSetExpansionContainsComponent grey = find(out.getExpansion().getContains(), "grey");
        assertThat(grey.getInactive()).isTrue();
        // R4 carries contains.property as the R5 cross-version extension
        assertThat(TxEngine.toR5(out)).isInstanceOfSatisfying(org.hl7.fhir.r5.model.ValueSet.class, r5 -> {
            assertThat(r5.getExpansion().getContains()).anySatisfy(c -> {
                assertThat(c.getCode()).isEqualTo("teal");
                assertThat(c.getProperty()).anySatisfy(p -> {
                    assertThat(p.getCode()).isEqualTo("status");
                    assertThat(p.getValue().primitiveValue()).isEqualTo("deprecated");
                });
            });
        });
    }

    @Test
    void activeOnlyLeavesOutRetiredCodesKeepsDeprecatedOnesAndLiftsTheirChildren() {
        ValueSet out = TX.expand(request(List.of(statuses(), all()), "url", new UriType(VS),
                "activeOnly", new BooleanType(true)), null);

        assertThat(out.getExpansion().getContains()).extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .containsExactlyInAnyOrder("red", "silver", "teal");
        assertThat(out.getExpansion().getTotal()).isEqualTo(3);
        assertThat(out.getExpansion().getParameter()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("activeOnly"));
    }

    @Test
    void aCodeSystemThatIsNotFoundIsOneErrorWithoutTheWarningHl7HasRetired() {
        ValueSet other = new ValueSet().setUrl("http://example.org/fhir/ValueSet/other").setStatus(PublicationStatus.ACTIVE);
        other.getCompose().addInclude().setSystem("http://example.org/fhir/CodeSystem/nowhere");
        Parameters out = TX.validateCode(request(List.of(colours("2.0.0"), other), "url", new UriType(other.getUrl()),
                "system", new UriType("http://example.org/fhir/CodeSystem/nowhere"), "code", new CodeType("x")),
                false, null);

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "message")).doesNotContain("Unable to check whether");
        OperationOutcome issues = (OperationOutcome) out.getParameter().stream()
                .filter(p -> p.getName().equals("issues")).findFirst().orElseThrow().getResource();
        assertThat(issues.getIssue()).noneSatisfy(i -> assertThat(i.getDetails().getText())
                .contains("Unable to check whether"));
        assertThat(issues.getIssue()).anySatisfy(i -> assertThat(i.getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR));
    }
}
