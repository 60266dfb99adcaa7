package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.terminology.TestEngine.value;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** ValueSet/$validate-code of a coding whose code system the request brings in two versions. */
class TxValidateCodeVersionsTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/shapes";
    private static final String VS = "http://example.org/fhir/ValueSet/shapes";
    private static final TxOperations TX = TestEngine.TX;

    private static CodeSystem shapes(String version) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("circle").setDisplay("Circle " + version);
        return cs;
    }

    private static ValueSet valueSet(String includeVersion) {
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS).setVersion(includeVersion);
        return vs;
    }

    private static Parameters validate(String includeVersion, org.hl7.fhir.r4.model.Type value, String... rule) {
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName(value instanceof Coding ? "coding" : "codeableConcept").setValue(value);
        for (int i = 0; i < rule.length; i += 2) {
            r4.addParameter().setName(rule[i]).setValue(new CanonicalType(CS + "|" + rule[i + 1]));
        }
        List<IBaseResource> resources = new ArrayList<>(List.of(shapes("1.0.0"), shapes("2.0.0"),
                valueSet(includeVersion)));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }

    private static Coding circle(String version) {
        return new Coding().setSystem(CS).setVersion(version).setCode("circle");
    }


    private static List<String> issueTypes(Parameters p) {
        return p.getParameter().stream().filter(x -> x.getName().equals("issues")).findFirst()
                .map(x -> ((OperationOutcome) x.getResource()).getIssue().stream()
                        .map(i -> i.getSeverity().toCode() + " " + i.getDetails().getCodingFirstRep().getCode() + " "
                                + i.getExpression().get(0).getValue())
                        .toList())
                .orElse(List.of());
    }

    @Test
    void aCodingOfAnotherVersionThanTheValueSetsIsInvalidAndTheAnswerIsTheValueSetsVersion() {
        Parameters out = validate("2.0.0", circle("1.0.0"));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "version")).isEqualTo("2.0.0");
        assertThat(value(out, "display")).isEqualTo("Circle 2.0.0");
        assertThat(value(out, "message")).isEqualTo("The code system '" + CS
                + "' version '2.0.0' in the ValueSet include is different to the one in the value ('1.0.0')");
        assertThat(issueTypes(out)).containsExactly("error vs-invalid Coding.version");
    }

    @Test
    void aCodingVersionThatDoesNotExistIsCausedByAnUnknownSystem() {
        Parameters out = validate("1.0.0", circle("3.0.0"));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "display")).isEqualTo("Circle 1.0.0");
        assertThat(value(out, "x-caused-by-unknown-system")).isEqualTo(CS + "|3.0.0");
        assertThat(issueTypes(out)).containsExactlyInAnyOrder("error vs-invalid Coding.version",
                "error not-found Coding.system");
    }

    @Test
    void aVersionlessCodingInAWildcardIncludeIsCheckedInTheNewestMatch() {
        Parameters out = validate("1.x.x", circle(null));

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "version")).isEqualTo("1.0.0");
        assertThat(issueTypes(out)).isEmpty();
    }

    @Test
    void aVersionlessCodingNotInTheValueSetIsReportedAsTheClientWroteIt() {
        Parameters out = validate("1.0.0", new Coding().setSystem(CS).setCode("square"));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "message")).contains("'" + CS + "#square'").doesNotContain("|1.0.0#");
    }

    @Test
    void aCodingVersionMorePreciseThanAWildcardIncludeIsUsed() {
        Parameters out = validate("x.x.x", circle("1.0.0"));

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "display")).isEqualTo("Circle 1.0.0");
    }

    @Test
    void anIncludeVersionThatDoesNotExistLeavesNothingToCheckTheCodeIn() {
        Parameters out = validate("1", new CodeableConcept().addCoding(circle(null)));

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "x-caused-by-unknown-system")).isEqualTo(CS + "|1");
        assertThat(value(out, "message")).isEqualTo("A definition for CodeSystem '" + CS
                + "' version '1' could not be found, so the code cannot be validated. Valid versions: 1.0.0 or 2.0.0");
        assertThat(issueTypes(out)).containsExactly("error not-found CodeableConcept.coding[0].system");
    }

    @Test
    void checkSystemVersionWithAWildcardAcceptsAMatchingVersionAndRefusesAnother() {
        assertThat(value(validate("1.0.0", circle("1.0.0"), SystemVersionRules.CHECK, "1.0.x"), "result"))
                .isEqualTo("true");

        Parameters refused = validate("2.0.0", circle(null), SystemVersionRules.CHECK, "1.0.x");
        assertThat(value(refused, "result")).isEqualTo("false");
        assertThat(issueTypes(refused)).containsExactly("error version-error Coding.version");
    }

    @Test
    void forceSystemVersionOverridesTheValueSetsVersion() {
        Parameters out = validate("2.0.0", circle("1.0.0"), SystemVersionRules.FORCE, "1.0.x");

        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "version")).isEqualTo("1.0.0");
    }

    @Test
    void systemVersionDoesNotOverrideAnIncludesVersion() {
        Parameters out = validate("2.0.0", circle("1.0.0"), SystemVersionRules.DEFAULT, "1.0.0");

        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(value(out, "version")).isEqualTo("2.0.0");
    }
}
