package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.terminology.TestEngine.value;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** A display right in the code system's own language is valid when the language asked for has none. */
class DefaultLanguageDisplayTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/english";
    private static final String VS = "http://example.org/fhir/ValueSet/english";
    private static final TxOperations TX = TestEngine.TX;

    private static Parameters validate(String display) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setLanguage("en");
        cs.addConcept().setCode("one").setDisplay("One").addDesignation().setLanguage("en").setValue("Alternate One");
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName("system").setValue(new UriType(CS));
        r4.addParameter().setName("code").setValue(new CodeType("one"));
        r4.addParameter().setName("display").setValue(new StringType(display));
        r4.addParameter().setName("displayLanguage").setValue(new CodeType("de"));
        List<IBaseResource> resources = new ArrayList<>(List.of(cs, vs));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }


    private static OperationOutcome.OperationOutcomeIssueComponent onlyIssue(Parameters p) {
        OperationOutcome issues = (OperationOutcome) p.getParameter().stream()
                .filter(x -> x.getName().equals("issues")).findFirst().orElseThrow().getResource();
        assertThat(issues.getIssue()).hasSize(1);
        return issues.getIssueFirstRep();
    }

    private static String expected(String display) {
        return "There are no valid display names found for the code " + CS + "#one for language(s) 'de'. The display is '"
                + display + "' which is a valid display for the default language";
    }

    @Test
    void theConceptsDisplayIsInformationAndTheMessage() {
        Parameters out = validate("One");
        assertThat(value(out, "result")).isEqualTo("true");
        OperationOutcome.OperationOutcomeIssueComponent issue = onlyIssue(out);
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-display");
        assertThat(issue.getExtensionString("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"))
                .isEqualTo(DefaultLanguageDisplay.OK_ID);
        assertThat(issue.getDetails().getText()).isEqualTo(expected("One"));
        assertThat(issue.getExpression()).singleElement().satisfies(e -> assertThat(e.getValue()).endsWith("display"));
        assertThat(value(out, "message")).isEqualTo(expected("One"));
    }

    @Test
    void aDesignationInTheCodeSystemsLanguageIsValidToo() {
        Parameters out = validate("Alternate One");
        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(onlyIssue(out).getDetails().getText()).isEqualTo(expected("Alternate One"));
        assertThat(value(out, "message")).isEqualTo(expected("Alternate One"));
    }

    @Test
    void aDisplayThatIsNoneOfTheConceptsStaysWrong() {
        Parameters out = validate("Two");
        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(onlyIssue(out).getExtensionString(
                "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"))
                .isEqualTo("NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR");
    }
}
