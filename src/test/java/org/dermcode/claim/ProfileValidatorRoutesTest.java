package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dermcode.TestTerminology;
import org.dermcode.rules.Finding;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The profile validator builds its element model straight from the parsed Claim instead of
 * encoding it to JSON for the validator to parse again. Both routes must say exactly the same
 * thing: checked on every example claim and, where {@code ../shared} is present, on every Claim of
 * the published corpus (narratives, contained resources, extensions on primitives, other profiles).
 */
class ProfileValidatorRoutesTest {


    @TestFactory
    Stream<DynamicTest> elementModelAndJsonRoutesGiveTheSameFindings() throws IOException {
        Map<String, Claim> claims = ProfileTestClaims.examplesAndCorpus();
        assertThat(claims).hasSizeGreaterThan(50);
        return claims.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> assertSameFindings(e.getValue())));
    }

    /**
     * What the bundled examples lack and the corpus has (so this holds without ../shared too): a
     * narrative with a link that resolves and one that does not, a contained resource, an
     * extension on a primitive, a choice element, an empty element HAPI's encoder leaves out.
     */
    @Test
    void narrativesContainedResourcesAndPrimitiveExtensionsGoTheSameWay() throws IOException {
        Claim claim = TestTerminology.FHIR.newJsonParser().parseResource(Claim.class,
                Files.readString(ProfileTestClaims.EXAMPLES.resolve("01-clean-em-with-biopsy.json")));
        Patient patient = new Patient();
        patient.setId("pat");
        patient.addName().setFamily("Example");
        claim.addContained(patient);
        claim.setPatient(new Reference("#pat"));
        claim.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>For <a href=\"#pat\">the patient</a>,"
                        + " see <a href=\"#nowhere\">the referral</a></p></div>");
        claim.getCreatedElement().addExtension("http://example.org/fhir/StructureDefinition/entered-late",
                new BooleanType(true));
        claim.getItemFirstRep().addModifier(new CodeableConcept());

        List<Finding> fromElementModel = TestTerminology.profileValidator().validate(claim);

        assertThat(fromElementModel).isEqualTo(TestTerminology.profileValidator().validateAsJson(claim));
        assertThat(fromElementModel).extracting(Finding::message)
                .anyMatch(m -> m.contains("'#nowhere'") && m.contains("does not resolve"))
                .noneMatch(m -> m.contains("'#pat'"));
    }

    private static void assertSameFindings(Claim claim) {
        ProfileValidator validator = TestTerminology.profileValidator();
        long fallbacks = validator.jsonFallbacks();
        List<Finding> fromElementModel = validator.validate(claim);
        assertThat(validator.jsonFallbacks()).as("claim taken by the element-model builder").isEqualTo(fallbacks);
        assertThat(fromElementModel).isEqualTo(validator.validateAsJson(claim));
    }
}
