package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dermcode.terminology.TestEngine.value;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CodeSystem supplements a request brings: merged where the request names them, refused when named and missing. */
class SupplementsTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/lesions";
    private static final String SUPPLEMENT = "http://example.org/fhir/CodeSystem/lesions-nl";
    private static final String VS = "http://example.org/fhir/ValueSet/lesions";
    private static final String VS_SUPPLEMENTED = "http://example.org/fhir/ValueSet/lesions-nl";
    private static final TxOperations TX = TestEngine.TX;

    private static CodeSystem lesions() {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1.0").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystemContentMode.COMPLETE);
        cs.setLanguage("en");
        ConceptDefinitionComponent macule = cs.addConcept().setCode("macule").setDisplay("Macule");
        macule.addConcept().setCode("patch").setDisplay("Patch");
        cs.addConcept().setCode("papule").setDisplay("Papule");
        return cs;
    }

    /** A Dutch supplement with a string property (HL7's engine 6.6.7 refuses those in its own merge). */
    private static CodeSystem dutch(String version) {
        CodeSystem cs = new CodeSystem().setUrl(SUPPLEMENT).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystemContentMode.SUPPLEMENT).setSupplements(CS);
        cs.setLanguage("nl");
        cs.addProperty().setCode("note").setUri("http://example.org/note").setType(PropertyType.STRING);
        ConceptDefinitionComponent macule = cs.addConcept().setCode("macule");
        macule.addDesignation().setLanguage("nl").setValue("vlek " + version);
        macule.addProperty().setCode("note").setValue(new StringType("flat"));
        macule.addExtension("http://hl7.org/fhir/StructureDefinition/itemWeight", new DecimalType("1.5"));
        cs.addConcept().setCode("patch").setDisplay("plek");
        cs.addConcept().setCode("nodule").setDisplay("knobbel");
        return cs;
    }

    private static ValueSet all(String url, String supplement) {
        ValueSet vs = new ValueSet().setUrl(url).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        if (supplement != null) {
            vs.addExtension(Supplements.VALUESET_SUPPLEMENT, new CanonicalType(supplement));
        }
        return vs;
    }

    private static List<IBaseResource> resources() {
        return List.of(lesions(), dutch("1.0"), dutch("2.0"), all(VS, null), all(VS_SUPPLEMENTED, SUPPLEMENT + "|1.0"));
    }

    private static TxRequest request(List<IBaseResource> resources, Object... nameValue) {
        Parameters r4 = new Parameters();
        for (int i = 0; i < nameValue.length; i += 2) {
            r4.addParameter().setName((String) nameValue[i]).setValue((org.hl7.fhir.r4.model.Type) nameValue[i + 1]);
        }
        return TestEngine.request(r4, new ArrayList<>(resources));
    }

    private static Supplements.Applied apply(TxRequest request, String valueSetUrl) {
        return Supplements.apply(request, valueSetUrl, url -> null);
    }

    private static CodeSystem codeSystem(Supplements.Applied applied, String url) {
        return applied.request().resources().stream().filter(r -> r instanceof CodeSystem cs && url.equals(cs.getUrl()))
                .map(CodeSystem.class::cast).findFirst().orElseThrow();
    }

    private static ConceptDefinitionComponent concept(CodeSystem cs, String code) {
        List<ConceptDefinitionComponent> todo = new ArrayList<>(cs.getConcept());
        while (!todo.isEmpty()) {
            ConceptDefinitionComponent c = todo.remove(0);
            if (code.equals(c.getCode())) {
                return c;
            }
            todo.addAll(c.getConcept());
        }
        return null;
    }


    @Nested
    class Merge {

        @Test
        void addsTheSupplementsDesignationsPropertiesAndExtensionsToTheConceptsOfTheSameCode() {
            CodeSystem base = lesions();
            CodeSystem merged = Supplements.merge(base, List.of(dutch("1.0")));

            ConceptDefinitionComponent macule = concept(merged, "macule");
            assertThat(macule.getDesignation()).singleElement().satisfies(d -> {
                assertThat(d.getLanguage()).isEqualTo("nl");
                assertThat(d.getValue()).isEqualTo("vlek 1.0");
                assertThat(d.getUserData(Supplements.SOURCE)).isEqualTo(SUPPLEMENT + "|1.0");
            });
            assertThat(macule.getProperty()).singleElement().satisfies(p -> {
                assertThat(p.getCode()).isEqualTo("note");
                assertThat(p.getValue().primitiveValue()).isEqualTo("flat");
            });
            assertThat(macule.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/itemWeight")).isNotNull();
            assertThat(merged.getProperty()).extracting(CodeSystem.PropertyComponent::getCode).containsExactly("note");
        }

        @Test
        void aSupplementDisplayIsADesignationInTheSupplementsLanguageAndNestedCodesAreFound() {
            CodeSystem merged = Supplements.merge(lesions(), List.of(dutch("1.0")));

            ConceptDefinitionComponent patch = concept(merged, "patch");
            assertThat(patch.getDisplay()).isEqualTo("Patch");
            assertThat(patch.getDesignation()).singleElement().satisfies(d -> {
                assertThat(d.getLanguage()).isEqualTo("nl");
                assertThat(d.getValue()).isEqualTo("plek");
            });
        }

        @Test
        void aSupplementAddsNoCodesAndLeavesTheCodeSystemItMergesIntoUntouched() {
            CodeSystem base = lesions();
            CodeSystem merged = Supplements.merge(base, List.of(dutch("1.0")));

            assertThat(concept(merged, "nodule")).isNull();
            assertThat(concept(base, "macule").getDesignation()).isEmpty();
            assertThat(base.getProperty()).isEmpty();
        }
    }

    @Nested
    class Apply {

        @Test
        void aSupplementThatIsNotNamedChangesNoConcept() {
            Supplements.Applied applied = apply(request(resources()), VS);

            assertThat(applied.used()).isEmpty();
            assertThat(concept(codeSystem(applied, CS), "macule").getDesignation()).isEmpty();
            // the engine still knows it as a supplement, but not as one it merges by itself
            CodeSystem supplement = codeSystem(applied, SUPPLEMENT);
            assertThat(supplement.getContent()).isEqualTo(CodeSystemContentMode.SUPPLEMENT);
            assertThat(supplement.hasSupplements()).isFalse();
        }

        @Test
        void useSupplementMergesTheNewestVersionOfABareUrlAndNotTheParameterItself() {
            Supplements.Applied applied = apply(request(resources(), "useSupplement", new CanonicalType(SUPPLEMENT)),
                    VS);

            assertThat(applied.used()).containsExactly(SUPPLEMENT + "|2.0");
            assertThat(concept(codeSystem(applied, CS), "macule").getDesignation())
                    .extracting(CodeSystem.ConceptDefinitionDesignationComponent::getValue).containsExactly("vlek 2.0");
            assertThat(applied.request().has("useSupplement")).isFalse();
        }

        @Test
        void theValueSetsSupplementExtensionNamesTheVersionAndIsTakenOffTheEnginesCopy() {
            Supplements.Applied applied = apply(request(resources()), VS_SUPPLEMENTED);

            assertThat(applied.used()).containsExactly(SUPPLEMENT + "|1.0");
            assertThat(concept(codeSystem(applied, CS), "macule").getDesignation())
                    .extracting(CodeSystem.ConceptDefinitionDesignationComponent::getValue).containsExactly("vlek 1.0");
            ValueSet vs = applied.request().resources().stream()
                    .filter(r -> r instanceof ValueSet v && VS_SUPPLEMENTED.equals(v.getUrl()))
                    .map(ValueSet.class::cast).findFirst().orElseThrow();
            assertThat(vs.getExtensionsByUrl(Supplements.VALUESET_SUPPLEMENT)).isEmpty();
        }

        @Test
        void aNamedSupplementTheRequestDoesNotHoldIsRefusedAsNotFound() {
            TxRequest request = request(resources(), "useSupplement", new CanonicalType(SUPPLEMENT + "|9.9"));

            assertThatThrownBy(() -> apply(request, VS)).isInstanceOf(ResourceNotFoundException.class)
                    .satisfies(e -> {
                        OperationOutcome outcome = (OperationOutcome) ((BaseServerResponseException) e)
                                .getOperationOutcome();
                        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
                        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
                        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("not-found");
                        assertThat(issue.getDetails().getText())
                                .isEqualTo("Required supplement not found: " + SUPPLEMENT + "|9.9");
                    });
        }

        @Test
        void aSupplementOfOneOfOurCodeSystemsStandsInForItInThisRequest() {
            CodeSystem ours = lesions();
            CodeSystem supplement = dutch("1.0");
            Supplements.Applied applied = Supplements.apply(
                    request(List.of(supplement), "useSupplement", new CanonicalType(SUPPLEMENT)), null,
                    url -> CS.equals(url) ? ours : null);

            assertThat(concept(codeSystem(applied, CS), "macule").getDesignation()).hasSize(1);
            assertThat(concept(ours, "macule").getDesignation()).isEmpty();
        }

        @Test
        void aRequestWithoutSupplementsIsPassedOnAsItIs() {
            TxRequest request = request(List.of(lesions(), all(VS, null)));

            assertThat(apply(request, VS).request()).isSameAs(request);
        }
    }

    @Nested
    class ThroughTheEngine {

        @Test
        void anExpansionWithTheSupplementHasItsDesignationsAndSaysItUsedIt() {
            ValueSet out = TX.expand(request(resources(), "url", new UriType(VS), "useSupplement",
                    new CanonicalType(SUPPLEMENT + "|1.0"), "includeDesignations", new org.hl7.fhir.r4.model.BooleanType(true)),
                    null);

            assertThat(out.getExpansion().getContains()).filteredOn(c -> c.getCode().equals("macule")).singleElement()
                    .satisfies(c -> assertThat(c.getDesignation())
                            .extracting(ValueSet.ConceptReferenceDesignationComponent::getValue).contains("vlek 1.0"));
            assertThat(out.getExpansion().getParameter()).filteredOn(p -> p.getName().equals("used-supplement"))
                    .singleElement().satisfies(p -> assertThat(p.getValue().primitiveValue())
                            .isEqualTo(SUPPLEMENT + "|1.0"));
        }

        @Test
        void anExpansionOfAValueSetNamingItsSupplementEchoesTheValueSetWithItsExtension() {
            ValueSet out = TX.expand(request(resources(), "url", new UriType(VS_SUPPLEMENTED)), null);

            assertThat(out.getExtensionsByUrl(Supplements.VALUESET_SUPPLEMENT)).singleElement()
                    .satisfies(e -> assertThat(e.getValue().primitiveValue()).isEqualTo(SUPPLEMENT + "|1.0"));
            assertThat(out.getExpansion().getParameter()).filteredOn(p -> p.getName().equals("used-supplement"))
                    .singleElement().satisfies(p -> assertThat(p.getValue().primitiveValue())
                            .isEqualTo(SUPPLEMENT + "|1.0"));
        }

        @Test
        void anExpansionWithoutItHasNeitherAndIsNotRefused() {
            ValueSet out = TX.expand(request(resources(), "url", new UriType(VS), "includeDesignations",
                    new org.hl7.fhir.r4.model.BooleanType(true)), null);

            assertThat(out.getExpansion().getContains()).allSatisfy(c -> assertThat(c.getDesignation()).isEmpty());
            assertThat(out.getExpansion().getParameter()).noneMatch(p -> p.getName().equals("used-supplement"));
        }

        @Test
        void aDisplayFromTheValueSetsSupplementIsValidAndWithoutItIsNot() {
            Coding dutch = new Coding(CS, "macule", "vlek 1.0");
            Parameters with = TX.validateCode(request(resources(), "url", new UriType(VS_SUPPLEMENTED),
                    "coding", dutch), false, null);
            Parameters without = TX.validateCode(request(resources(), "url", new UriType(VS), "coding", dutch),
                    false, null);

            assertThat(value(with, "result")).isEqualTo("true");
            assertThat(value(without, "result")).isEqualTo("false");
            assertThat(value(without, "message")).contains("vlek 1.0");
        }

        @Test
        void aValueSetNamingAMissingSupplementIsRefused() {
            ValueSet needsMissing = all("http://example.org/fhir/ValueSet/needs-missing", SUPPLEMENT + "-x");
            TxRequest request = request(List.of(lesions(), needsMissing), "url", new UriType(needsMissing.getUrl()),
                    "coding", new Coding(CS, "macule", null));

            assertThatThrownBy(() -> TX.validateCode(request, false, null))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(SUPPLEMENT + "-x");
        }
    }
}
