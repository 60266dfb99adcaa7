package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code $validate-code} on our own content: the result, and the issues in the form HL7's engine
 * gives them (message id, tx-issue-type, FHIRPath into the request, HL7's wording).
 */
class CodeValidationServiceTest {

    private static final CodeValidationService VALIDATION = new CodeValidationService(TestTerminology.EXPANSIONS);
    private static final TerminologyRepository REPOSITORY = TestTerminology.REPOSITORY;
    private static final String EM = "http://dermcode.org/fhir/ValueSet/derm-em";
    private static final String DX = "http://dermcode.org/fhir/ValueSet/derm-diagnoses";
    private static final String MESSAGE_ID = TxOperations.MESSAGE_ID;

    private static CodeChecks checks(CodingForm form) {
        return new CodeChecks(form, null, true, false, false, false);
    }

    private static ValidationResult inCodeSystem(Coding coding, CodeChecks checks) {
        return VALIDATION.inCodeSystem(REPOSITORY, List.of(coding), checks);
    }

    private static ValidationResult inValueSet(String url, List<Coding> codings, CodeChecks checks) {
        ValueSet valueSet = REPOSITORY.valueSet(url, null).orElseThrow();
        return VALIDATION.inValueSet(REPOSITORY, valueSet, codings, checks);
    }

    private static List<String> ids(ValidationResult result) {
        return result.issues().stream().map(TxIssue::messageId).toList();
    }

    @Test
    void aValidCodeHasNoIssueAndNoMessage() {
        ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "11102", null), checks(CodingForm.CODE));
        assertThat(result.result()).isTrue();
        assertThat(result.issues()).isEmpty();
        assertThat(result.message()).isNull();
        assertThat(result.version()).isEqualTo("2026");
        assertThat(result.display()).isEqualTo("Tangential biopsy of skin, single lesion");
    }

    @Nested
    class UnknownSystems {

        @Test
        void aSystemWeDoNotHaveIsNotFoundAtItsSystemAndNamedAsTheCause() {
            ValidationResult result = inCodeSystem(new Coding("http://example.org/none", "x", null),
                    checks(CodingForm.CODING));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("UNKNOWN_CODESYSTEM");
            TxIssue issue = result.issues().get(0);
            assertThat(issue.txType()).isEqualTo("not-found");
            assertThat(issue.expression()).isEqualTo("Coding.system");
            assertThat(issue.text()).isEqualTo(
                    "A definition for CodeSystem 'http://example.org/none' could not be found, so the code cannot be validated");
            assertThat(result.unknownSystem()).isEqualTo("http://example.org/none");
        }

        @Test
        void aVersionWeDoNotHaveListsTheVersionsWeHave() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "11102", null).setVersion("1999"),
                    checks(CodingForm.CODE));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("UNKNOWN_CODESYSTEM_VERSION");
            assertThat(result.issues().get(0).text()).isEqualTo("A definition for CodeSystem '" + SystemUrls.CPT
                    + "' version '1999' could not be found, so the code cannot be validated. Valid versions: 2024, 2025 or 2026");
            assertThat(result.issues().get(0).expression()).isEqualTo("system");
            assertThat(result.unknownSystem()).isEqualTo(SystemUrls.CPT + "|1999");
        }
    }

    @Nested
    class UnknownCodes {

        @Test
        void aCodeAWholeCodeSystemDoesNotHoldIsAnError() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CLAIM_RULE, "NO-SUCH-RULE", null),
                    checks(CodingForm.CODE));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("Unknown_Code_in_Version");
            assertThat(result.issues().get(0).expression()).isEqualTo("code");
            assertThat(result.issues().get(0).txType()).isEqualTo("invalid-code");
            assertThat(result.message()).isEqualTo("Unknown code 'NO-SUCH-RULE' in the CodeSystem '"
                    + SystemUrls.CLAIM_RULE + "' version '1.0.0'");
        }

        @Test
        void aCodeAFragmentDoesNotHoldPassesWithAWarningAndNoMessage() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "27447", null), checks(CodingForm.CODE));
            assertThat(result.result()).isTrue();
            assertThat(ids(result)).containsExactly("UNKNOWN_CODE_IN_FRAGMENT");
            assertThat(result.issues().get(0).severity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(result.message()).isNull();
        }

        @Test
        void aLikelyTypoIsAnUnknownCodeWithOurHint() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.ICD10CM, "C44311", null),
                    checks(CodingForm.CODE));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("Unknown_Code_in_Version", "DERMCODE_CODE_HINT");
            assertThat(result.issues().get(1).severity()).isEqualTo(IssueSeverity.INFORMATION);
            assertThat(result.message()).startsWith("Unknown code 'C44311' in the CodeSystem '" + SystemUrls.ICD10CM
                    + "' version '2027'; Code 'C44311': did you mean C44.311?");
        }

        @Test
        void aCodeOutsideTheCodeGrammarIsUnknownEvenInAFragment() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "abc12", null), checks(CodingForm.CODE));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("Unknown_Code_in_Version", "DERMCODE_CODE_HINT");
            assertThat(result.message()).contains("Code 'abc12': it cannot be a code of this system: a CPT code is five digits");
        }
    }

    @Nested
    class ValueSets {

        @Test
        void aCodeNotInTheValueSetIsNotInVsAtTheCodingOfTheConcept() {
            CodeableConcept concept = new CodeableConcept().addCoding(new Coding(SystemUrls.CPT, "11102", null));
            ValidationResult result = inValueSet(EM, concept.getCoding(), checks(CodingForm.CODEABLE_CONCEPT));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("None_of_the_provided_codes_are_in_the_value_set_one");
            TxIssue issue = result.issues().get(0);
            assertThat(issue.txType()).isEqualTo("not-in-vs");
            assertThat(issue.expression()).isEqualTo("CodeableConcept.coding[0].code");
            assertThat(issue.text()).isEqualTo("The provided code '" + SystemUrls.CPT + "#11102' was not found in the "
                    + "value set '" + EM + "|1.0.0'");
        }

        @Test
        void theSecondCodingOfAConceptIsTheOneThatPasses() {
            CodeableConcept concept = new CodeableConcept().addCoding(new Coding(SystemUrls.CPT, "11102", null))
                    .addCoding(new Coding(SystemUrls.CPT, "99213", null));
            ValidationResult result = inValueSet(EM, concept.getCoding(), checks(CodingForm.CODEABLE_CONCEPT));
            assertThat(result.result()).isTrue();
            assertThat(result.code()).isEqualTo("99213");
            assertThat(result.issues()).isEmpty();
        }

        @Test
        void anAbstractCodeIsNotAllowedAndSoNotInTheValueSet() {
            ValidationResult result = inValueSet(DX, List.of(new Coding(SystemUrls.ICD10CM, "L29.8", null)),
                    new CodeChecks(CodingForm.CODING, null, false, false, false, false));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("ABSTRACT_CODE_NOT_ALLOWED",
                    "None_of_the_provided_codes_are_in_the_value_set_one");
            assertThat(result.issues().get(0).text()).isEqualTo("Code '" + SystemUrls.ICD10CM
                    + "#L29.8' is abstract, and not allowed in this context");
            assertThat(result.issues().get(0).expression()).isEqualTo("Coding.code");
        }

        @Test
        void aCodeOfAnotherVersionThanTheValueSetsIsAMismatchAtTheVersion() {
            ValueSet pinned = REPOSITORY.valueSet(EM, null).orElseThrow().copy();
            pinned.getCompose().getIncludeFirstRep().setVersion("2025");
            ValidationResult result = VALIDATION.inValueSet(REPOSITORY, pinned,
                    List.of(new Coding(SystemUrls.CPT, "99213", null).setVersion("2026")), checks(CodingForm.CODING));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("VALUESET_VALUE_MISMATCH");
            assertThat(result.issues().get(0).expression()).isEqualTo("Coding.version");
        }
    }

    @Nested
    class Displays {

        @Test
        void aWrongDisplayIsAnError() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.ICD10CM, "L57.0", "Sun spots"),
                    checks(CodingForm.CODE));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("Display_Name_for__should_be_one_of__instead_of");
            TxIssue issue = result.issues().get(0);
            assertThat(issue.severity()).isEqualTo(IssueSeverity.ERROR);
            assertThat(issue.expression()).isEqualTo("display");
            assertThat(issue.txType()).isEqualTo("invalid-display");
            assertThat(issue.text()).isEqualTo("Wrong Display Name 'Sun spots' for " + SystemUrls.ICD10CM + "#L57.0. "
                    + "Valid display is 'Actinic keratosis' (for the language(s) '--')");
        }

        @Test
        void aDisplayOtherThanOurOwnWordingIsInformationThatListsTheValidOnes() {
            // CPT displays are our own brief wording: the AMA descriptor a client sends is not wrong
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "11102",
                    "Tangential biopsy of skin (eg, shave, scoop, saucerize, curette); single lesion"),
                    checks(CodingForm.CODING));
            assertThat(result.result()).isTrue();
            TxIssue issue = result.issues().get(0);
            assertThat(issue.messageId()).isEqualTo("Display_Name_for__should_be_one_of__instead_of");
            assertThat(issue.severity()).isEqualTo(IssueSeverity.INFORMATION);
            assertThat(issue.txType()).isEqualTo("display-comment");
            assertThat(result.message()).isNull();
            assertThat(issue.expression()).isEqualTo("Coding.display");
            assertThat(issue.text()).endsWith("Valid display is one of 4 choices: 'Tangential biopsy of skin, single "
                    + "lesion', 'shave biopsy', 'tangential' or 'bx' (for the language(s) '--')");
            assertThat(issue.diagnostics()).contains("own brief wording");
        }

        @Test
        void aWrongDisplayIsAWarningWithLenientDisplayValidation() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.ICD10CM, "L57.0", "Sun spots"),
                    new CodeChecks(CodingForm.CODING, null, true, false, false, true));
            assertThat(result.result()).isTrue();
            assertThat(result.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.severity()).isEqualTo(IssueSeverity.WARNING);
                assertThat(issue.expression()).isEqualTo("Coding.display");
                assertThat(issue.text()).contains("Valid display is 'Actinic keratosis'");
            });
        }

        @Test
        void aDesignationOrTheDisplayInAnotherCaseIsAValidDisplay() {
            assertThat(inCodeSystem(new Coding(SystemUrls.CPT, "11102", "BX"), checks(CodingForm.CODE)).issues())
                    .isEmpty();
            assertThat(inCodeSystem(new Coding(SystemUrls.ICD10CM, "L57.0", "actinic keratosis"),
                    checks(CodingForm.CODE)).issues()).isEmpty();
        }
    }

    @Nested
    class DatesAndStatus {

        @Test
        void aCodeNotInForceOnTheDateOfServiceIsAnErrorWithItsDates() {
            ValidationResult result = inValueSet(EM, List.of(new Coding(SystemUrls.CPT, "99201", null)),
                    new CodeChecks(CodingForm.CODE, LocalDate.of(2024, 1, 1), false, false, false, false));
            assertThat(result.result()).isFalse();
            assertThat(ids(result)).containsExactly("DERMCODE_NOT_IN_FORCE",
                    "None_of_the_provided_codes_are_in_the_value_set_one");
            assertThat(result.issues().get(0).text()).startsWith("The code '99201' is not valid on 2024-01-01")
                    .contains("2021-01-01");
            assertThat(result.issues().get(0).expression()).isEqualTo("code");
        }

        @Test
        void aRetiredCodeWithoutADateIsValidInactiveAndToBeReviewed() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "11100", null), checks(CodingForm.CODE));
            assertThat(result.result()).isTrue();
            assertThat(result.inactive()).isTrue();
            assertThat(ids(result)).containsExactly("INACTIVE_CONCEPT_FOUND");
            TxIssue issue = result.issues().get(0);
            assertThat(issue.severity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(issue.expression()).isEqualTo("code");
            assertThat(issue.text()).isEqualTo("The concept '11100' has a status of inactive and its use should be reviewed");
            assertThat(issue.diagnostics()).contains("2019-01-01");
            assertThat(result.message()).isEqualTo(issue.text());
        }

        @Test
        void aRetiredCodeOnADateItWasInForceIsActive() {
            ValidationResult result = inCodeSystem(new Coding(SystemUrls.CPT, "11100", null),
                    new CodeChecks(CodingForm.CODE, LocalDate.of(2018, 6, 1), true, false, false, false));
            assertThat(result.result()).isTrue();
            assertThat(result.inactive()).isFalse();
            assertThat(result.issues()).isEmpty();
        }
    }

    @Test
    void theAnswerCarriesTheIssuesAsAnOperationOutcome() {
        Parameters out = inCodeSystem(new Coding("http://example.org/none", "x", null), checks(CodingForm.CODE))
                .toParameters();
        assertThat(out.getParameter("x-caused-by-unknown-system").getValue().primitiveValue())
                .isEqualTo("http://example.org/none");
        OperationOutcome outcome = (OperationOutcome) out.getParameter("issues").getResource();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertThat(issue.getExtensionString(MESSAGE_ID)).isEqualTo("UNKNOWN_CODESYSTEM");
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(TxOperations.TX_ISSUE_TYPE);
        assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("system");
        assertThat(issue.getLocation()).extracting(Object::toString).containsExactly("system");
        assertThat(out.getParameter("message").getValue().primitiveValue()).isEqualTo(issue.getDetails().getText());
    }

    /**
     * The same requests on our content through HL7's engine (the route of a request with
     * {@code tx-resource}) give the same result and the same issues.
     */
    @Nested
    class AsHl7sEngineAnswers {

        private Parameters engine(boolean onCodeSystem, Object... nameValues) {
            Parameters r4 = new Parameters();
            for (int i = 0; i < nameValues.length; i += 2) {
                r4.addParameter().setName((String) nameValues[i]).setValue((org.hl7.fhir.r4.model.Type) nameValues[i + 1]);
            }
            return TestEngine.TX.validateCode(TestEngine.request(r4, List.of()), onCodeSystem, null);
        }

        private static List<String> engineIssues(Parameters out) {
            if (out.getParameter("issues") == null) {
                return List.of();
            }
            return ((OperationOutcome) out.getParameter("issues").getResource()).getIssue().stream()
                    .map(i -> i.getExtensionString(MESSAGE_ID) + " " + i.getSeverity().toCode() + " "
                            + i.getDetails().getCodingFirstRep().getCode() + " " + i.getExpression() + " "
                            + i.getDetails().getText())
                    .sorted().toList();
        }

        private static List<String> ourIssues(ValidationResult result) {
            return result.issues().stream().map(i -> i.messageId() + " " + i.severity().toCode() + " " + i.txType()
                    + " [" + i.expression() + "] " + i.text()).sorted().toList();
        }

        private void assertSame(Parameters engine, ValidationResult ours) {
            assertThat(ours.result()).isEqualTo(((BooleanType) engine.getParameter("result").getValue()).booleanValue());
            assertThat(ourIssues(ours)).isEqualTo(engineIssues(engine));
        }

        @Test
        void notInTheValueSet() {
            Coding coding = new Coding(SystemUrls.CPT, "11102", null);
            assertSame(engine(false, "url", new UriType(EM), "coding", coding),
                    inValueSet(EM, List.of(coding), checks(CodingForm.CODING)));
        }

        @Test
        void anUnknownCodeOfAWholeCodeSystem() {
            assertSame(engine(true, "url", new UriType(SystemUrls.CLAIM_RULE), "code", new CodeType("NO-SUCH-RULE")),
                    inCodeSystem(new Coding(SystemUrls.CLAIM_RULE, "NO-SUCH-RULE", null), checks(CodingForm.CODE)));
        }

        @Test
        void aCodeAFragmentDoesNotHold() {
            assertSame(engine(true, "url", new UriType(SystemUrls.CPT), "code", new CodeType("27447")),
                    inCodeSystem(new Coding(SystemUrls.CPT, "27447", null), checks(CodingForm.CODE)));
        }

        @Test
        void aWrongDisplay() {
            assertSame(engine(true, "url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L57.0"),
                            "display", new StringType("Sun spots")),
                    inCodeSystem(new Coding(SystemUrls.ICD10CM, "L57.0", "Sun spots"), checks(CodingForm.CODE)));
        }

        @Test
        void aDisplayOtherThanOurOwnWordingIsInformationOnBothRoutes() {
            Parameters engine = engine(true, "url", new UriType(SystemUrls.CPT), "code", new CodeType("11102"),
                    "display", new StringType("Shave biopsy, first lesion"));
            assertThat(((BooleanType) engine.getParameter("result").getValue()).booleanValue()).isTrue();
            assertThat(((OperationOutcome) engine.getParameter("issues").getResource()).getIssue())
                    .singleElement().satisfies(issue -> {
                        assertThat(issue.getExtensionString(MESSAGE_ID))
                                .isEqualTo("Display_Name_for__should_be_one_of__instead_of");
                        assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.INFORMATION);
                        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("display-comment");
                    });
        }

        @Test
        void aCodeSystemWeDoNotHaveInAValueSet() {
            Coding coding = new Coding("http://example.org/none", "x", null);
            assertSame(engine(false, "url", new UriType(EM), "coding", coding),
                    inValueSet(EM, List.of(coding), checks(CodingForm.CODING)));
        }
    }
}
