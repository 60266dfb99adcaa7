package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dermcode.TestTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Listing only the base types and resources as "all structure definitions" (the extension
 * definitions and core profiles still served by URL) changes no finding: the production
 * validator and one built on HAPI's full core list agree on every example and corpus claim.
 */
class BaseDefinitionsSupportTest {

    private static ProfileValidator withEveryCoreDefinitionListed;

    @BeforeAll
    static void build() {
        withEveryCoreDefinitionListed = new ProfileValidator(TestTerminology.FHIR,
                TestTerminology.newValidationSupport(), TestTerminology.CATALOG, false,
                new DefaultProfileValidationSupport(TestTerminology.FHIR));
    }

    @Test
    void listsBaseTypesAndResourcesButStillServesExtensionsAndProfilesByUrl() {
        BaseDefinitionsSupport support = new BaseDefinitionsSupport(TestTerminology.FHIR);
        List<IBaseResource> listed = support.fetchAllStructureDefinitions();
        List<IBaseResource> all = new DefaultProfileValidationSupport(TestTerminology.FHIR).fetchAllStructureDefinitions();

        assertThat(listed).extracting(r -> ((StructureDefinition) r).getUrl())
                .contains("http://hl7.org/fhir/StructureDefinition/Claim",
                        "http://hl7.org/fhir/StructureDefinition/CodeableConcept",
                        "http://hl7.org/fhir/StructureDefinition/Extension",
                        "http://hl7.org/fhir/StructureDefinition/string")
                .doesNotContain("http://hl7.org/fhir/StructureDefinition/data-absent-reason",
                        "http://hl7.org/fhir/StructureDefinition/vitalsigns");
        assertThat(listed.size()).isLessThan(all.size() / 2);
        assertThat(support.fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/data-absent-reason"))
                .isNotNull();
    }

    @TestFactory
    Stream<DynamicTest> sameFindingsAsWithEveryCoreDefinitionListed() throws IOException {
        Map<String, Claim> claims = ProfileTestClaims.examplesAndCorpus();
        assertThat(claims).hasSizeGreaterThan(50);
        return claims.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertThat(TestTerminology.profileValidator().validate(e.getValue()))
                        .isEqualTo(withEveryCoreDefinitionListed.validate(e.getValue()))));
    }
}
