package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.junit.jupiter.api.Test;

/** HL7 engine 6.6.7 messages reworded as the engine words them now. */
class EngineWordingTest {

    @Test
    void aRetiredConceptIsRetiredAndInactive() {
        assertThat(EngineWording.text(I18nConstants.INACTIVE_CONCEPT_FOUND, "retired", "grey"))
                .isEqualTo("The concept 'grey' has a status of retired and inactive and its use should be reviewed");
    }

    @Test
    void anInactiveConceptKeeps667sText() {
        assertThat(EngineWording.text(I18nConstants.INACTIVE_CONCEPT_FOUND, "inactive", "grey")).isNull();
    }

    @Test
    void aCodeThatIsNotActiveIsAConcept() {
        assertThat(EngineWording.text(I18nConstants.STATUS_CODE_WARNING_CODE, "not active", "grey"))
                .isEqualTo("The concept 'grey' is valid but is not active");
    }

    @Test
    void aMessageWithoutANewWordingIsLeftToTheEngine() {
        assertThat(EngineWording.text(I18nConstants.UNKNOWN_CODESYSTEM, "http://example.org/cs", "1")).isNull();
    }

    @Test
    void aCodingNotInTheValueSetHasItsDisplayInBrackets() {
        Object[] args = EngineWording.pluralArguments(I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_,
                "http://example.org/vs|1", "'http://example.org/cs#red: 'Red''");
        assertThat(args).containsExactly("http://example.org/vs|1", "'http://example.org/cs#red ('Red')'");
    }

    @Test
    void aCodingWithoutDisplayAndOtherMessagesAreUnchanged() {
        assertThat(EngineWording.pluralArguments(I18nConstants.NONE_OF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_,
                "http://example.org/vs|1", "'http://example.org/cs#red'"))
                .containsExactly("http://example.org/vs|1", "'http://example.org/cs#red'");
        assertThat(EngineWording.pluralArguments(I18nConstants.INACTIVE_DISPLAY_FOUND, "'a#b: 'c''"))
                .containsExactly("'a#b: 'c''");
    }
}
