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
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** A code a fragment code system does not hold is valid with a warning: the value set cannot say it is not in it. */
class FragmentCodesTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/part";
    private static final String VS = "http://example.org/fhir/ValueSet/part";
    private static final TxOperations TX = TestEngine.TX;

    private static Parameters validate(CodeSystem.CodeSystemContentMode content, String code) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(content);
        cs.addConcept().setCode("a").setDisplay("A");
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS);
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        r4.addParameter().setName("system").setValue(new UriType(CS));
        r4.addParameter().setName("code").setValue(new CodeType(code));
        List<IBaseResource> resources = new ArrayList<>(List.of(cs, vs));
        return TX.validateCode(TestEngine.request(r4, resources),
                false, null);
    }


    private static List<String> issueIds(Parameters p) {
        return p.getParameter().stream().filter(x -> x.getName().equals("issues")).findFirst()
                .map(x -> ((OperationOutcome) x.getResource()).getIssue().stream()
                        .map(i -> i.getExtensionString(
                                "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"))
                        .toList())
                .orElse(List.of());
    }

    @Test
    void aCodeAFragmentDoesNotHoldIsValidWithAWarningAndNoMessage() {
        Parameters out = validate(CodeSystem.CodeSystemContentMode.FRAGMENT, "zz");
        assertThat(value(out, "result")).isEqualTo("true");
        assertThat(value(out, "message")).isNull();
        assertThat(issueIds(out)).containsExactly("UNKNOWN_CODE_IN_FRAGMENT");
    }

    @Test
    void aCodeACompleteCodeSystemDoesNotHoldIsInvalid() {
        Parameters out = validate(CodeSystem.CodeSystemContentMode.COMPLETE, "zz");
        assertThat(value(out, "result")).isEqualTo("false");
        assertThat(issueIds(out)).contains("None_of_the_provided_codes_are_in_the_value_set_one");
    }
}
