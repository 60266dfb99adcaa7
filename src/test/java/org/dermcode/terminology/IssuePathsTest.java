package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** Paths of engine issues as the tests give them now: from the resource, a filter without value at the filter. */
class IssuePathsTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/paths";
    private static final String VS = "http://example.org/fhir/ValueSet/paths";

    @Test
    void aPathIntoAValueSetStartsAtTheResource() {
        assertThat(IssuePaths.current("ValueSet[http://example.org/vs|1].compose.include[0].concept[2]", false))
                .isEqualTo("ValueSet.compose.include[0].concept[2]");
        assertThat(IssuePaths.current("ValueSet['http://example.org/vs|1].compose.include[1]", false))
                .isEqualTo("ValueSet.compose.include[1]");
    }

    @Test
    void aFilterWithoutValuePointsAtTheFilter() {
        assertThat(IssuePaths.current("ValueSet[http://example.org/vs|1].compose.include[0].filter[0].value", true))
                .isEqualTo("ValueSet.compose.include[0].filter[0]");
    }

    @Test
    void otherPathsAreUnchanged() {
        assertThat(IssuePaths.current("Coding.code", false)).isEqualTo("Coding.code");
        assertThat(IssuePaths.current("CodeableConcept.coding[0].value", true)).isEqualTo("CodeableConcept.coding[0]");
        assertThat(IssuePaths.current("Coding.value", false)).isEqualTo("Coding.value");
        assertThat(IssuePaths.current(null, false)).isNull();
    }

    @Test
    void anEngineErrorForAFilterWithoutValueHasTheFiltersPath() {
        TxOperations tx = TestEngine.TX;
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion("1").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("a").setDisplay("A");
        ValueSet vs = new ValueSet().setUrl(VS).setVersion("1").setStatus(PublicationStatus.ACTIVE);
        vs.getCompose().addInclude().setSystem(CS).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.ISA);
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType(VS));
        List<IBaseResource> resources = new ArrayList<>(List.of(cs, vs));
        TxRequest request = TestEngine.request(r4, resources);

        assertThatThrownBy(() -> tx.expand(request, null)).isInstanceOfSatisfying(BaseServerResponseException.class,
                e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssueFirstRep().getExpression()).extracting(Object::toString)
                            .containsExactly("ValueSet.compose.include[0].filter[0]");
                });
    }
}
