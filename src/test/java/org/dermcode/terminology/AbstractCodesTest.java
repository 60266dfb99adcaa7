package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.terminology.TestEngine.value;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** abstract=false: a not-selectable code is not allowed. */
class AbstractCodesTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/grouped";
    private static final String VS = "http://example.org/fhir/ValueSet/grouped";
    private static final TxOperations TX = TestEngine.TX;

    private static Parameters validate(String code, Boolean allowAbstract) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("group").setDisplay("Group").addProperty().setCode("notSelectable")
                .setValue(new BooleanType(true));
        cs.addConcept().setCode("leaf").setDisplay("Leaf");
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName("coding").setValue(new Coding(CS, code, null));
        if (allowAbstract != null) {
            r4.addParameter().setName("abstract").setValue(new BooleanType(allowAbstract));
        }
        List<IBaseResource> resources = new ArrayList<>(List.of(cs, vs));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }


    @Test
    void anAbstractCodeIsNotAllowedWhenTheRequestSaysSo() {
        Parameters out = validate("group", false);
        assertThat(value(out, "result")).isEqualTo("false");
        OperationOutcome issues = (OperationOutcome) out.getParameter().stream()
                .filter(x -> x.getName().equals("issues")).findFirst().orElseThrow().getResource();
        assertThat(issues.getIssue()).extracting(i -> i.getExtensionString(
                "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"))
                .containsExactly("ABSTRACT_CODE_NOT_ALLOWED", "None_of_the_provided_codes_are_in_the_value_set_one");
        assertThat(issues.getIssueFirstRep().getExpression()).extracting(Object::toString).containsExactly("Coding.code");
        assertThat(value(out, "message")).isEqualTo("Code '" + CS + "#group' is abstract, and not allowed in this context; "
                + "The provided code '" + CS + "#group' was not found in the value set '" + VS + "|1'");
    }

    @Test
    void anAbstractCodeIsValidWhenAllowedOrNotAskedAbout() {
        assertThat(value(validate("group", true), "result")).isEqualTo("true");
        assertThat(value(validate("group", null), "result")).isEqualTo("true");
    }

    @Test
    void aSelectableCodeIsValidEitherWay() {
        assertThat(value(validate("leaf", false), "result")).isEqualTo("true");
    }
}
