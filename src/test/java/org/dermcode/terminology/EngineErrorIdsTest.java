package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.Test;

/** Engine errors thrown as text only get their message id and tx-issue-type code back. */
class EngineErrorIdsTest {

    private static OperationOutcome outcome(String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).getDetails().setText(text);
        return outcome;
    }

    @Test
    void aCircularReferenceIsVsInvalid() {
        OperationOutcome outcome = outcome("Found a circularity pointing to http://example.org/vs/a|1 processing "
                + "ValueSet with pathway [http://example.org/vs/a|1, http://example.org/vs/b|1]");
        EngineErrorIds.restore(outcome);
        OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertThat(issue.getExtensionString(TxOperations.MESSAGE_ID)).isEqualTo("VALUESET_CIRCULAR_REFERENCE");
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("vs-invalid");
    }

    @Test
    void anUnreadableDisplayLanguageIsInvalidDisplayAfterOurPreambleToo() {
        OperationOutcome outcome = outcome("The terminology engine could not process this request: "
                + "Invalid displayLanguage: '-'");
        EngineErrorIds.restore(outcome);
        assertThat(outcome.getIssueFirstRep().getExtensionString(TxOperations.MESSAGE_ID))
                .isEqualTo("INVALID_DISPLAY_NAME");
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("invalid-display");
    }

    @Test
    void otherTextsAndIssuesThatHaveAnIdStayAsTheyAre() {
        OperationOutcome other = outcome("The value set could not be expanded");
        EngineErrorIds.restore(other);
        assertThat(other.getIssueFirstRep().hasExtension()).isFalse();
        assertThat(other.getIssueFirstRep().getDetails().hasCoding()).isFalse();

        OperationOutcome typed = outcome("Invalid displayLanguage: '-'");
        typed.getIssueFirstRep().getDetails().addCoding(TxOperations.TX_ISSUE_TYPE, "invalid-code", null);
        EngineErrorIds.restore(typed);
        assertThat(typed.getIssueFirstRep().hasExtension()).isFalse();
        assertThat(typed.getIssueFirstRep().getDetails().getCoding()).hasSize(1);
    }

    @Test
    void theEngineRouteAnswersACircularValueSetWithTheId() {
        ValueSet a = new ValueSet().setUrl("http://example.org/vs/a").setVersion("1").setStatus(PublicationStatus.ACTIVE);
        a.getCompose().addInclude().addValueSet("http://example.org/vs/b");
        ValueSet b = new ValueSet().setUrl("http://example.org/vs/b").setVersion("1").setStatus(PublicationStatus.ACTIVE);
        b.getCompose().addInclude().addValueSet("http://example.org/vs/a");
        Parameters r4 = new Parameters();
        r4.addParameter().setName("url").setValue(new UriType("http://example.org/vs/a"));
        r4.addParameter().setName("code").setValue(new StringType("x"));
        r4.addParameter().setName("system").setValue(new UriType("http://example.org/cs"));
        BaseServerResponseException refused = catchThrowableOfType(
                () -> TestEngine.TX.validateCode(TestEngine.request(r4, List.of(a, b)), false, null),
                BaseServerResponseException.class);
        assertThat(refused).isNotNull();
        org.hl7.fhir.r4.model.OperationOutcome oo = (org.hl7.fhir.r4.model.OperationOutcome) refused.getOperationOutcome();
        assertThat(oo.getIssueFirstRep().getExtensionString(TxOperations.MESSAGE_ID))
                .isEqualTo("VALUESET_CIRCULAR_REFERENCE");
    }
}
