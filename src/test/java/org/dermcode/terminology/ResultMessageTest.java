package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.Test;

/** The message of an engine $validate-code answer: its errors and its own messages, sorted, not its information. */
class ResultMessageTest {

    private static OperationOutcomeIssueComponent issue(IssueSeverity severity, String text) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(severity);
        issue.getDetails().setText(text);
        return issue;
    }

    @Test
    void everyErrorIsInTheMessageSorted() {
        var unknown = issue(IssueSeverity.ERROR, "Unknown code system 'x'");
        var relative = issue(IssueSeverity.ERROR, "Coding.system must be an absolute reference");
        List<OperationOutcomeIssueComponent> issues = List.of(unknown, relative);
        assertThat(ResultMessage.of("Unknown code system 'x'", issues, issues))
                .isEqualTo("Coding.system must be an absolute reference; Unknown code system 'x'");
    }

    @Test
    void theTextOfAnInformationIsLeftOut() {
        var none = issue(IssueSeverity.ERROR, "No valid coding was found for the value set 'v'");
        var coding = issue(IssueSeverity.INFORMATION, "The provided code 'c#a' was not found in the value set 'v'");
        List<OperationOutcomeIssueComponent> issues = List.of(none, coding);
        assertThat(ResultMessage.of("No valid coding was found for the value set 'v'; "
                + "The provided code 'c#a' was not found in the value set 'v'", issues, issues))
                .isEqualTo("No valid coding was found for the value set 'v'");
    }

    @Test
    void aWarningTheEngineStatedStaysAndOneItDidNotIsNotAdded() {
        var inactive = issue(IssueSeverity.WARNING, "The concept 'a' has a status of inactive");
        var deprecated = issue(IssueSeverity.WARNING, "The concept 'a' is deprecated in the value set");
        List<OperationOutcomeIssueComponent> issues = List.of(inactive, deprecated);
        assertThat(ResultMessage.of("The concept 'a' has a status of inactive", issues, issues))
                .isEqualTo("The concept 'a' has a status of inactive");
        assertThat(ResultMessage.of(null, List.of(deprecated), List.of(deprecated))).isNull();
    }

    @Test
    void theTextOfAnIssueLeftOutLeavesTheMessageAndATextWithASemicolonStaysWhole() {
        var display = issue(IssueSeverity.WARNING, "'A' is the default display; no display in de");
        var retired = issue(IssueSeverity.WARNING, "Unable to check whether the code is in the value set");
        assertThat(ResultMessage.of("'A' is the default display; no display in de; "
                + "Unable to check whether the code is in the value set", List.of(display, retired), List.of(display)))
                .isEqualTo("'A' is the default display; no display in de");
    }

    @Test
    void aMessageThatIsNoIssueStays() {
        assertThat(ResultMessage.of("Code found in expansion, however: x", List.of(), List.of()))
                .isEqualTo("Code found in expansion, however: x");
    }
}
