package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.dermcode.ServerIT;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** {@code $batch-validate-code}: many $validate-code calls in one request, answered in order. */
class BatchValidateCodeIT extends ServerIT {

    private static final String DERM_EM = SystemUrls.CANONICAL_BASE + "/ValueSet/derm-em";
    private static final String COLOURS = "http://example.org/fhir/CodeSystem/colours";
    private static final String WARM = "http://example.org/fhir/ValueSet/warm";

    private static Parameters entry(Object... nameValue) {
        Parameters entry = new Parameters();
        for (int i = 0; i < nameValue.length; i += 2) {
            entry.addParameter().setName((String) nameValue[i]).setValue((org.hl7.fhir.r4.model.Type) nameValue[i + 1]);
        }
        return entry;
    }

    private static Parameters batch(List<Parameters> entries, Object... shared) {
        Parameters in = entry(shared);
        for (Parameters e : entries) {
            in.addParameter().setName("validation").setResource(e);
        }
        return in;
    }

    private Parameters call(Class<? extends IBaseResource> type, Parameters in) {
        return client.operation().onType(type).named("$batch-validate-code").withParameters(in).execute();
    }

    private static List<Resource> answers(Parameters out) {
        assertThat(out.getParameter()).allSatisfy(p -> assertThat(p.getName()).isEqualTo("validation"));
        return out.getParameter().stream().map(Parameters.ParametersParameterComponent::getResource).toList();
    }

    private static String result(Resource answer) {
        return value((Parameters) answer, "result").primitiveValue();
    }

    @Test
    void eachEntryIsAnsweredInOrderWithTheSharedValueSet() {
        Parameters out = call(ValueSet.class, batch(List.of(
                entry("code", new CodeType("99213")),
                entry("code", new CodeType("11102")),
                entry("display", new org.hl7.fhir.r4.model.StringType("no code"))),
                "url", new UriType(DERM_EM), "system", new UriType(SystemUrls.CPT)));

        List<Resource> answers = answers(out);
        assertThat(answers).hasSize(3);
        assertThat(result(answers.get(0))).isEqualTo("true");
        assertThat(value((Parameters) answers.get(0), "code").primitiveValue()).isEqualTo("99213");
        assertThat(result(answers.get(1))).isEqualTo("false");
        assertThat(value((Parameters) answers.get(1), "message").primitiveValue()).contains("11102", "derm-em");
        // an entry that cannot be checked gets an OperationOutcome in its place; the others are answered
        assertThat(answers.get(2)).isInstanceOf(OperationOutcome.class);
        OperationOutcome.OperationOutcomeIssueComponent issue = ((OperationOutcome) answers.get(2)).getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.INVALID);
        assertThat(issue.getDetails().getText()).contains("code");
    }

    @Test
    void anEntrysOwnParameterWinsOverTheSharedOne() {
        // 99201 was deleted on 2021-01-01: invalid for the shared 2024 date, valid for the entry's own 2020 date
        Parameters out = call(ValueSet.class, batch(List.of(
                entry("code", new CodeType("99201")),
                entry("code", new CodeType("99201"), "date", new DateType("2020-06-01"))),
                "url", new UriType(DERM_EM), "system", new UriType(SystemUrls.CPT), "date", new DateType("2024-01-01")));

        List<Resource> answers = answers(out);
        assertThat(result(answers.get(0))).isEqualTo("false");
        assertThat(result(answers.get(1))).isEqualTo("true");
    }

    @Test
    void codeSystemLevelChecksCodesInTheSharedCodeSystem() {
        // 1110 is not a CPT code at all (four digits); 11102 is in our subset
        Parameters out = call(CodeSystem.class, batch(List.of(
                entry("code", new CodeType("11102")),
                entry("code", new CodeType("1110"))),
                "url", new UriType(SystemUrls.CPT)));

        List<Resource> answers = answers(out);
        assertThat(result(answers.get(0))).isEqualTo("true");
        assertThat(result(answers.get(1))).isEqualTo("false");
    }

    @Test
    void txResourcesAreSharedByEveryEntryAndAnsweredByTheEngine() {
        CodeSystem colours = new CodeSystem().setUrl(COLOURS).setVersion("1.0.0").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        colours.addConcept().setCode("red").setDisplay("Red");
        colours.addConcept().setCode("blue").setDisplay("Blue");
        ValueSet warm = new ValueSet().setUrl(WARM).setStatus(PublicationStatus.ACTIVE);
        warm.getCompose().addInclude().setSystem(COLOURS).addConcept().setCode("red");

        Parameters in = batch(List.of(
                entry("coding", new Coding(COLOURS, "red", "Red")),
                entry("coding", new Coding(COLOURS, "blue", null)),
                entry("coding", new Coding(COLOURS, "red", "Rouge"), "lenient-display-validation",
                        new BooleanType(false))),
                "url", new UriType(WARM), "lenient-display-validation", new BooleanType(true));
        in.addParameter().setName("tx-resource").setResource(colours);
        in.addParameter().setName("tx-resource").setResource(warm);

        List<Resource> answers = answers(call(ValueSet.class, in));
        assertThat(answers).hasSize(3);
        assertThat(result(answers.get(0))).isEqualTo("true");
        assertThat(value((Parameters) answers.get(0), "version").primitiveValue()).isEqualTo("1.0.0");
        assertThat(result(answers.get(1))).isEqualTo("false");
        assertThat(value((Parameters) answers.get(1), "message").primitiveValue()).contains("blue", WARM);
        // the entry's lenient-display-validation=false overrides the shared true: a wrong display is an error
        assertThat(result(answers.get(2))).isEqualTo("false");
        assertThat(value((Parameters) answers.get(2), "message").primitiveValue()).contains("Rouge");
    }

    @Test
    void aTxResourceInsideAnEntryIsRefused() {
        Parameters one = entry("code", new CodeType("99213"));
        one.addParameter().setName("tx-resource").setResource(new ValueSet().setUrl(WARM));
        Parameters in = batch(List.of(one), "url", new UriType(DERM_EM), "system", new UriType(SystemUrls.CPT));

        assertThatThrownBy(() -> call(ValueSet.class, in)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("tx-resource");
    }

    @Test
    void moreEntriesThanTheLimitAreRefusedAsTooCostly() {
        List<Parameters> entries = new java.util.ArrayList<>();
        for (int i = 0; i <= BatchValidation.MAX_ENTRIES; i++) {
            entries.add(entry("code", new CodeType("99213")));
        }
        Parameters in = batch(entries, "url", new UriType(DERM_EM), "system", new UriType(SystemUrls.CPT));

        assertThatThrownBy(() -> call(ValueSet.class, in)).isInstanceOfSatisfying(UnprocessableEntityException.class,
                e -> assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getCode())
                        .isEqualTo(OperationOutcome.IssueType.TOOCOSTLY));
    }
}
