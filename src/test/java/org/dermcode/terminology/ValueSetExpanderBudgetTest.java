package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** The work one expansion may do: repeated whole-system includes and fanned-out imports are refused, 422. */
class ValueSetExpanderBudgetTest {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String DIAGNOSES = "http://dermcode.org/fhir/ValueSet/derm-diagnoses";

    private static ValueSet withIncludes(int includes) {
        ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs/repeated");
        for (int i = 0; i < includes; i++) {
            valueSet.getCompose().addInclude().setSystem(ICD);
        }
        return valueSet;
    }

    @Test
    void ourLargestValueSetAndAFewWholeSystemIncludesAreWithinTheBudget() {
        ValueSet diagnoses = TestTerminology.REPOSITORY.valueSet(DIAGNOSES, null).orElseThrow();
        assertThat(new ValueSetExpander(TestTerminology.REPOSITORY).expand(diagnoses)).isNotEmpty();
        assertThat(new ValueSetExpander(TestTerminology.REPOSITORY).expand(withIncludes(10))).isNotEmpty();
    }

    @Test
    void thousandsOfWholeSystemIncludesAreTooCostly() {
        assertThatThrownBy(() -> new ValueSetExpander(TestTerminology.REPOSITORY).expand(withIncludes(3_000)))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("more than " + ValueSetExpander.MAX_SELECTED + " concepts")
                .satisfies(e -> assertThat(((OperationOutcome) ((UnprocessableEntityException) e).getOperationOutcome())
                        .getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOCOSTLY));
    }

    @Test
    void importsThatFanOutAreTooCostly() {
        ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs/fan-out");
        for (int i = 0; i < 20; i++) {
            valueSet.getCompose().addInclude().addValueSet(DIAGNOSES);
        }
        assertThatThrownBy(() -> new ValueSetExpander(TestTerminology.REPOSITORY).expand(valueSet))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("test more than " + ValueSetExpander.MAX_TESTS);
    }
}
