package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.Parameters;
import org.junit.jupiter.api.Test;

class RegexFiltersTest {

    private static final String SYSTEM = "http://example.org/cs/regex";
    private static final String A59 = "a".repeat(59);
    private static final TerminologyRepository NOTHING_OF_OURS = TerminologyRepository.builder().build();

    private static CodeSystem codeSystem(String... codes) {
        CodeSystem cs = new CodeSystem().setUrl(SYSTEM).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (String code : codes) {
            cs.addConcept().setCode(code).addProperty().setCode("prop").setValue(new StringType(code + "-p"));
        }
        return cs;
    }

    private static ValueSet valueSet(String property, String pattern) {
        ValueSet vs = new ValueSet().setUrl("http://example.org/vs/regex");
        vs.getCompose().addInclude().setSystem(SYSTEM).addFilter().setProperty(property)
                .setOp(ValueSet.FilterOperator.REGEX).setValue(pattern);
        return vs;
    }

    private static TxRequest request(IBaseResource... resources) {
        return new TxRequest(new Parameters(), new ArrayList<>(List.of(resources)), null);
    }

    private static String filterValue(ValueSet vs) {
        return vs.getCompose().getIncludeFirstRep().getFilterFirstRep().getValue();
    }

    @Test
    void cheapPatternGoesToTheEngineAsItIs() {
        ValueSet vs = valueSet("code", "[a-z]+");
        RegexFilters filters = RegexFilters.guard(request(codeSystem(A59, A59 + "!"), vs), NOTHING_OF_OURS);
        assertThat(filters.rewroteAny()).isFalse();
        assertThat(filterValue(vs)).isEqualTo("[a-z]+");
    }

    @Test
    void catastrophicPatternIsReplacedByTheCodesItMatches() {
        ValueSet vs = valueSet("code", "((a+)+)+");
        RegexFilters filters = RegexFilters.guard(request(codeSystem(A59, A59 + "!", A59 + "$"), vs), NOTHING_OF_OURS);
        assertThat(filters.rewroteAny()).isTrue();
        // RE2/J's answer for the codes java.util.regex could not test within the budget: only the a's match
        assertThat(filterValue(vs)).isEqualTo(java.util.regex.Pattern.quote(A59));

        ValueSet answer = vs.copy();
        filters.restore(answer);
        assertThat(filterValue(answer)).isEqualTo("((a+)+)+");
    }

    @Test
    void catastrophicPatternMatchingNothingBecomesAnEmptyPattern() {
        ValueSet vs = valueSet("code", "((a+)+)+b");
        RegexFilters.guard(request(codeSystem(A59 + "!", A59 + "$"), vs), NOTHING_OF_OURS);
        assertThat(filterValue(vs)).isEqualTo(RegexFilters.NOTHING);
        assertThat("anything".matches(RegexFilters.NOTHING)).isFalse();
    }

    @Test
    void catastrophicPatternOnAPropertyIsEvaluatedOnItsValues() {
        ValueSet vs = valueSet("prop", "((a+)+)+-p");
        RegexFilters.guard(request(codeSystem(A59, A59 + "!"), vs), NOTHING_OF_OURS);
        assertThat(filterValue(vs)).isEqualTo(java.util.regex.Pattern.quote(A59 + "-p"));
    }

    @Test
    void theCodeBeingValidatedIsTestedToo() {
        ValueSet vs = valueSet("code", "((a+)+)+");
        Parameters parameters = new Parameters();
        parameters.addParameter("code", new org.hl7.fhir.r5.model.CodeType(A59 + "?"));
        RegexFilters.guard(new TxRequest(parameters, new ArrayList<>(List.of(codeSystem("b"), vs)), null),
                NOTHING_OF_OURS);
        assertThat(filterValue(vs)).isEqualTo(RegexFilters.NOTHING);
    }

    /** In a batch the engine tests the shared value set's filter on every entry's code, so all are evaluated first. */
    @Test
    void theCodesOfEveryBatchEntryAreTestedToo() {
        ValueSet vs = valueSet("code", "((a+)+)+");
        TxRequest shared = request(codeSystem("b"), vs);
        Parameters entry = new Parameters();
        entry.addParameter("code", new org.hl7.fhir.r5.model.CodeType(A59 + "?"));
        RegexFilters.guard(shared, List.of(new TxRequest(entry, List.of(), null)), NOTHING_OF_OURS);
        assertThat(filterValue(vs)).isEqualTo(RegexFilters.NOTHING);

        ValueSet alone = valueSet("code", "((a+)+)+");
        RegexFilters.guard(request(codeSystem("b"), alone), NOTHING_OF_OURS);
        assertThat(filterValue(alone)).as("without the entry's code the pattern is cheap").isEqualTo("((a+)+)+");
    }

    @Test
    void catastrophicLookAroundIsRefusedNamingTheCode() {
        ValueSet vs = valueSet("code", "((a+)+)+(?!x)");
        assertThatThrownBy(() -> RegexFilters.guard(request(codeSystem(A59, A59 + "!"), vs), NOTHING_OF_OURS))
                .isInstanceOf(RegexFilters.Refused.class)
                .hasMessage("The regex filter '((a+)+)+(?!x)' took too long to evaluate against code '" + A59 + "!'");
    }

    @Test
    void patternLongerThanTheLimitIsRefused() {
        ValueSet vs = valueSet("code", "a".repeat(RegexFilters.MAX_PATTERN_LENGTH + 1));
        assertThatThrownBy(() -> RegexFilters.guard(request(codeSystem("a"), vs), NOTHING_OF_OURS))
                .isInstanceOf(RegexFilters.Refused.class).hasMessageContaining("longer than 1000 characters");
    }

    @Test
    void brokenPatternIsABadRequest() {
        ValueSet vs = valueSet("code", "(a");
        assertThatThrownBy(() -> RegexFilters.guard(request(codeSystem("a"), vs), NOTHING_OF_OURS))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a valid regular expression");
    }

    @Test
    void deepRecursionOnALongCodeFallsBackToTheLinearMatcher() {
        String longCode = "ab".repeat(20_000);
        ValueSet vs = valueSet("code", "(a|b)*");
        RegexFilters.guard(request(codeSystem(longCode, "c"), vs), NOTHING_OF_OURS);
        assertThat(filterValue(vs)).isEqualTo(java.util.regex.Pattern.quote(longCode));
    }

    @Test
    void linearMatcherIsRefusedForHugeCountedRepetitions() {
        assertThat(RegexFilters.programSize("abc")).isEqualTo(4);
        assertThat(RegexFilters.programSize("(a{1000}){1000}")).isGreaterThan(100_000);
        assertThat(RegexFilters.programSize("a{2,}")).isEqualTo(12);
        ValueSet vs = valueSet("code", "((a{1,100}){1,100})+");
        assertThatThrownBy(() -> RegexFilters.guard(request(codeSystem(A59 + "!"), vs), NOTHING_OF_OURS))
                .isInstanceOf(RegexFilters.Refused.class).hasMessageContaining("took too long");
    }

    @Test
    void inlineValueSetsAreGuardedToo() {
        org.hl7.fhir.r5.model.ValueSet inline = (org.hl7.fhir.r5.model.ValueSet) TxEngine.toR5(valueSet("code", "((a+)+)+"));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("valueSet").setResource(inline);
        RegexFilters.guard(new TxRequest(parameters, new ArrayList<>(List.of(codeSystem(A59, A59 + "!"))), null),
                NOTHING_OF_OURS);
        assertThat(inline.getCompose().getIncludeFirstRep().getFilterFirstRep().getValue())
                .isEqualTo(java.util.regex.Pattern.quote(A59));
    }
}
