package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class ValidateCodeIT extends ServerIT {

    private static final String VS = SystemUrls.CANONICAL_BASE + "/ValueSet/";
    private static final String HCPCS_HTTP = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    private static Parameters in(Object... nameValues) {
        Parameters in = new Parameters();
        for (int i = 0; i < nameValues.length; i += 2) {
            in.addParameter().setName((String) nameValues[i]).setValue((Type) nameValues[i + 1]);
        }
        return in;
    }

    private Parameters onCodeSystem(Parameters in, boolean get) {
        var op = client.operation().onType(CodeSystem.class).named("$validate-code").withParameters(in);
        return get ? op.useHttpGet().execute() : op.execute();
    }

    private Parameters onValueSet(Parameters in, boolean get) {
        var op = client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in);
        return get ? op.useHttpGet().execute() : op.execute();
    }

    private static boolean result(Parameters out) {
        return ((BooleanType) value(out, "result")).booleanValue();
    }

    /** The issue of the answer with this message id. */
    private static OperationOutcome.OperationOutcomeIssueComponent issue(Parameters out, String messageId) {
        OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
        return issues.getIssue().stream().filter(i -> messageId.equals(i.getExtensionString(
                TxOperations.MESSAGE_ID))).findFirst().orElseThrow(() -> new AssertionError("no issue " + messageId));
    }

    private static String message(Parameters out) {
        Type message = value(out, "message");
        return message == null ? null : message.primitiveValue();
    }

    @Test
    void knownCptCodeIsValidWithItsDisplay() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("11104")), true);
        assertThat(result(out)).isTrue();
        assertThat(value(out, "display").primitiveValue()).isEqualTo("Punch biopsy of skin, single lesion");
        assertThat(message(out)).isNull();
    }

    @Test
    void unknownCodeOfTheCptFragmentIsValidWithAWarning() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("27447")), true);
        assertThat(result(out)).isTrue();
        // a warning, and no message, as HL7's engine answers on a fragment
        assertThat(message(out)).isNull();
        assertThat(issue(out, "UNKNOWN_CODE_IN_FRAGMENT").getDetails().getText()).contains("fragment", "27447");
        assertThat(issue(out, "UNKNOWN_CODE_IN_FRAGMENT").getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.WARNING);
    }

    @Test
    void aCodeThatCannotBeCptIsInvalidSayingWhy() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("abc12")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).contains("abc12", "it cannot be a code of this system: a CPT code is five digits, or four digits and F"
                + " (Category II), T (Category III) or U (PLA)");
        for (String shaped : new String[] {"0001U", "0591T", "1036F", "27447"}) {
            Parameters ok = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType(shaped)), true);
            assertThat(result(ok)).as(shaped).isTrue();
            assertThat(issue(ok, "UNKNOWN_CODE_IN_FRAGMENT")).as(shaped).isNotNull();
        }
    }

    @Test
    void aCodeThatCannotBeHcpcsIsInvalidSayingWhy() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.HCPCS), "code", new CodeType("7308J")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).contains("a HCPCS Level II code is a letter and four digits");
        assertThat(result(onCodeSystem(in("url", new UriType(SystemUrls.HCPCS), "code", new CodeType("J9999")), true)))
                .isTrue();
    }

    @Test
    void anIcd10CmCodeWithoutItsDotIsInvalidSuggestingTheDottedCode() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("C44311")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).contains("did you mean C44.311?");
        assertThat(result(onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("C44.311")),
                true))).isTrue();
    }

    @Test
    void unknownCodeOfACompleteCodeSystemIsInvalid() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.CLAIM_RULE), "code",
                new CodeType("NO-SUCH-RULE")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).contains("NO-SUCH-RULE");
        assertThat(result(onCodeSystem(in("url", new UriType(SystemUrls.CLAIM_RULE), "code",
                new CodeType("MOD-25-MISSING")), true))).isTrue();
    }

    @Test
    void aDisplayOtherThanOurCptWordingIsInformation() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("11104"),
                "display", new StringType("Shave biopsy")), false);
        assertThat(result(out)).isTrue();
        OperationOutcome.OperationOutcomeIssueComponent issue = issue(out,
                "Display_Name_for__should_be_one_of__instead_of");
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(issue.getDetails().getText()).contains("Shave biopsy", "Punch biopsy of skin, single lesion");
        assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("display");
        assertThat(value(out, "display").primitiveValue()).isEqualTo("Punch biopsy of skin, single lesion");
    }

    @Test
    void aWrongIcd10CmTitleIsAnErrorUnlessLenient() {
        Parameters out = onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L57.0"),
                "display", new StringType("Sun spots")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).isEqualTo("Wrong Display Name 'Sun spots' for " + SystemUrls.ICD10CM
                + "#L57.0. Valid display is 'Actinic keratosis' (for the language(s) '--')");
        assertThat(issue(out, "Display_Name_for__should_be_one_of__instead_of").getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        Parameters lenient = onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L57.0"),
                "display", new StringType("Sun spots"), "lenient-display-validation", new BooleanType(true)), true);
        assertThat(result(lenient)).isTrue();
        assertThat(issue(lenient, "Display_Name_for__should_be_one_of__instead_of").getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.WARNING);
    }

    @Test
    void retiredVisitCodeDependsOnTheDate() {
        Parameters after = onValueSet(in("url", new UriType(VS + "derm-em"), "system", new UriType(SystemUrls.CPT),
                "code", new CodeType("99201"), "date", new DateTimeType("2024-01-01")), true);
        assertThat(result(after)).isFalse();
        assertThat(message(after)).contains("2021-01-01").contains("2024-01-01");

        Parameters before = onValueSet(in("url", new UriType(VS + "derm-em"), "system", new UriType(SystemUrls.CPT),
                "code", new CodeType("99201"), "date", new DateTimeType("2020-06-01")), true);
        assertThat(result(before)).isTrue();
    }

    @Test
    void biopsyCodeBeforeItsEffectiveDateIsInvalid() {
        Parameters inValueSet = onValueSet(in("url", new UriType(VS + "derm-biopsy"), "system",
                new UriType(SystemUrls.CPT), "code", new CodeType("11102"), "date", new DateTimeType("2018-06-01")), true);
        assertThat(result(inValueSet)).isFalse();
        assertThat(message(inValueSet)).contains("2019-01-01");
        Parameters inCodeSystem = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("11102"),
                "date", new DateTimeType("2018-06-01")), true);
        assertThat(result(inCodeSystem)).isFalse();
        assertThat(message(inCodeSystem)).contains("2019-01-01");
        assertThat(result(onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("11102"),
                "date", new DateTimeType("2019-01-01")), true))).isTrue();
    }

    @Test
    void dateTakesTheIcdFiscalYearInForce() {
        // L29.8 is billable in FY2024 and a header (abstract) from FY2025 on
        Parameters fy2024 = onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L29.8"),
                "date", new DateTimeType("2024-09-30"), "abstract", new BooleanType(false)), true);
        assertThat(result(fy2024)).isTrue();
        assertThat(value(fy2024, "version").primitiveValue()).isEqualTo("2024");
        Parameters fy2025 = onCodeSystem(in("url", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L29.8"),
                "date", new DateTimeType("2024-10-01"), "abstract", new BooleanType(false)), true);
        assertThat(result(fy2025)).isFalse();
        assertThat(message(fy2025)).contains("abstract");
    }

    private Parameters dxInValueSet(String code, Object... more) {
        Parameters in = in("url", new UriType(VS + "derm-diagnoses"), "system", new UriType(SystemUrls.ICD10CM),
                "code", new CodeType(code));
        for (int i = 0; i < more.length; i += 2) {
            in.addParameter().setName((String) more[i]).setValue((Type) more[i + 1]);
        }
        return onValueSet(in, true);
    }

    @Test
    void valueSetTakesTheIcdFiscalYearInForceOnTheDate() {
        // derm-diagnoses includes ICD-10-CM without a version: L29.8 is billable in FY2024, a header from FY2025
        Parameters fy2024 = dxInValueSet("L29.8", "date", new DateTimeType("2024-06-01"));
        assertThat(result(fy2024)).isTrue();
        assertThat(value(fy2024, "version").primitiveValue()).isEqualTo("2024");
        assertThat(message(fy2024)).isNull();
        Parameters fy2025 = dxInValueSet("L29.8", "date", new DateTimeType("2025-06-01"));
        assertThat(result(fy2025)).isFalse();
        assertThat(message(fy2025)).contains("abstract");
        assertThat(value(fy2025, "version").primitiveValue()).isEqualTo("2025");
        // without a date the newest (FY2027) judges, as before
        Parameters newest = dxInValueSet("L29.8");
        assertThat(result(newest)).isFalse();
        assertThat(value(newest, "version").primitiveValue()).isEqualTo("2027");
        // L29.89 exists from FY2025 only
        Parameters before = dxInValueSet("L29.89", "date", new DateTimeType("2024-06-01"));
        assertThat(result(before)).isFalse();
        assertThat(message(before)).contains("L29.89");
        assertThat(result(dxInValueSet("L29.89", "date", new DateTimeType("2025-06-01")))).isTrue();
    }

    @Test
    void valueSetTakesTheHcpcsYearInForceOnTheDate() {
        // J7309 is in HCPCS 2025 and retired in 2026
        Parameters in2025 = onValueSet(in("url", new UriType(VS + "derm-procedures"), "system",
                new UriType(SystemUrls.HCPCS), "code", new CodeType("J7309"), "date", new DateTimeType("2025-06-01")),
                true);
        assertThat(result(in2025)).isTrue();
        assertThat(value(in2025, "version").primitiveValue()).isEqualTo("2025");
        assertThat(message(in2025)).isNull();
        Parameters in2026 = onValueSet(in("url", new UriType(VS + "derm-procedures"), "system",
                new UriType(SystemUrls.HCPCS), "code", new CodeType("J7309"), "date", new DateTimeType("2026-06-01")),
                true);
        assertThat(result(in2026)).isFalse();
        assertThat(message(in2026)).contains("not valid on 2026-06-01");
    }

    @Test
    void valueSetTakesTheCodeSystemVersionTheCodingNames() {
        assertThat(result(dxInValueSet("L29.8", "systemVersion", new StringType("2024")))).isTrue();
        assertThat(result(dxInValueSet("L29.8", "systemVersion", new StringType("2025")))).isFalse();
        // the coding's version wins over the date's
        assertThat(result(dxInValueSet("L29.8", "systemVersion", new StringType("2024"), "date",
                new DateTimeType("2025-06-01")))).isTrue();
        Parameters coding = onValueSet(in("url", new UriType(VS + "derm-diagnoses"), "coding",
                new Coding(SystemUrls.ICD10CM, "L29.8", null).setVersion("2024")), false);
        assertThat(result(coding)).isTrue();
        Parameters unknown = dxInValueSet("L29.8", "systemVersion", new StringType("1999"));
        assertThat(result(unknown)).isFalse();
        assertThat(message(unknown)).contains("version '1999' could not be found", "Valid versions: 2024, 2025, 2026 or 2027");
        assertThat(value(unknown, "x-caused-by-unknown-system").primitiveValue()).isEqualTo(SystemUrls.ICD10CM + "|1999");
    }

    @Test
    void inlineValueSetTakesTheVersionInForceOnTheDate() {
        ValueSet inline = new ValueSet();
        inline.setStatus(PublicationStatus.ACTIVE);
        inline.getCompose().addInclude().setSystem(SystemUrls.ICD10CM).addFilter().setProperty("concept")
                .setOp(ValueSet.FilterOperator.ISA).setValue("L29");
        for (String[] dateAndResult : new String[][] {{"2024-06-01", "true"}, {"2025-06-01", "false"}}) {
            Parameters in = in("system", new UriType(SystemUrls.ICD10CM), "code", new CodeType("L29.8"), "date",
                    new DateTimeType(dateAndResult[0]));
            in.addParameter().setName("valueSet").setResource(inline);
            assertThat(result(onValueSet(in, false))).as(dateAndResult[0])
                    .isEqualTo(Boolean.parseBoolean(dateAndResult[1]));
        }
    }

    @Test
    void abstractCategoryIsNotAValidCode() {
        Parameters inValueSet = onValueSet(in("url", new UriType(VS + "derm-biopsy"), "system",
                new UriType(SystemUrls.CPT), "code", new CodeType("biopsy")), true);
        assertThat(result(inValueSet)).isFalse();
        Parameters inCodeSystem = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("biopsy"),
                "abstract", new BooleanType(false)), true);
        assertThat(result(inCodeSystem)).isFalse();
        assertThat(message(inCodeSystem)).contains("abstract");
    }

    @Test
    void codeInTheWrongValueSetIsInvalid() {
        Parameters out = onValueSet(in("url", new UriType(VS + "derm-mohs"), "system", new UriType(SystemUrls.CPT),
                "code", new CodeType("17000")), true);
        assertThat(result(out)).isFalse();
        assertThat(message(out)).contains("17000").contains("derm-mohs");
    }

    @Test
    void codeableConceptPassesWhenOneCodingIsInTheValueSet() {
        CodeableConcept cc = new CodeableConcept();
        cc.addCoding(new Coding(SystemUrls.ICD10CM, "L40.0", null));
        cc.addCoding(new Coding(SystemUrls.CPT, "11104", null));
        Parameters out = onValueSet(in("url", new UriType(VS + "derm-biopsy"), "codeableConcept", cc), false);
        assertThat(result(out)).isTrue();
        assertThat(value(out, "display").primitiveValue()).contains("Punch");

        CodeableConcept none = new CodeableConcept();
        none.addCoding(new Coding(SystemUrls.ICD10CM, "L40.0", null));
        none.addCoding(new Coding(SystemUrls.CPT, "17000", null));
        assertThat(result(onValueSet(in("url", new UriType(VS + "derm-biopsy"), "codeableConcept", none), false)))
                .isFalse();
    }

    @Test
    void icd10cmDiagnosisAgainstItsFamily() {
        assertThat(result(onValueSet(in("url", new UriType(VS + "dx-psoriasis"), "system",
                new UriType(SystemUrls.ICD10CM), "code", new CodeType("L40.0")), true))).isTrue();
        assertThat(result(onValueSet(in("url", new UriType(VS + "dx-psoriasis"), "coding",
                new Coding(SystemUrls.ICD10CM, "L40.54", null)), false))).isTrue();
        assertThat(result(onValueSet(in("url", new UriType(VS + "dx-psoriasis"), "system",
                new UriType(SystemUrls.ICD10CM), "code", new CodeType("L57.0")), true))).isFalse();
    }

    @Test
    void hcpcsAcceptsTheHttpSpelling() {
        assertThat(result(onValueSet(in("url", new UriType(VS + "derm-procedures"), "system",
                new UriType(HCPCS_HTTP), "code", new CodeType("J7308")), true))).isTrue();
        assertThat(result(onValueSet(in("url", new UriType(VS + "derm-modifiers"), "coding",
                new Coding(HCPCS_HTTP, "XS", null)), false))).isTrue();
        Parameters inCodeSystem = onCodeSystem(in("url", new UriType(HCPCS_HTTP), "code", new CodeType("G2211")), true);
        assertThat(result(inCodeSystem)).isTrue();
        assertThat(message(inCodeSystem)).isNull();
    }

    @Test
    void codeSentAsValueStringWorks() {
        Parameters vs = onValueSet(in("url", new UriType(VS + "derm-mohs"), "system", new UriType(SystemUrls.CPT),
                "code", new StringType("17311")), false);
        assertThat(result(vs)).isTrue();
        Parameters cs = onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new StringType("17311")), false);
        assertThat(result(cs)).isTrue();
        assertThat(value(cs, "display").primitiveValue()).startsWith("Mohs");
    }

    @Test
    void codeWithoutSystemIs400NamingSystem() {
        assertThatThrownBy(() -> onValueSet(in("url", new UriType(VS + "derm-mohs"), "code", new CodeType("17311")),
                true)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("'system'");
    }

    @Test
    void codeAndCodingTogetherIs400() {
        assertThatThrownBy(() -> onValueSet(in("url", new UriType(VS + "derm-mohs"), "system",
                new UriType(SystemUrls.CPT), "code", new CodeType("17311"), "coding",
                new Coding(SystemUrls.CPT, "17311", null)), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'coding'");
        assertThatThrownBy(() -> onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("17311"),
                "coding", new Coding(SystemUrls.CPT, "17311", null)), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'coding'");
    }

    @Test
    void malformedDateIs400NamingDate() {
        assertThatThrownBy(() -> onValueSet(in("url", new UriType(VS + "derm-em"), "system",
                new UriType(SystemUrls.CPT), "code", new CodeType("99202"), "date", new StringType("2024-13-45")), true))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'date'");
        // a date sent as valueString is refused by HAPI before the operation runs, naming the parameter
        assertThatThrownBy(() -> onCodeSystem(in("url", new UriType(SystemUrls.CPT), "code", new CodeType("99202"),
                "date", new StringType("2024-01-01")), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("date");
    }

    @Test
    void malformedDateInAPostedBodyIs400NamingDate() throws Exception {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"url\",\"valueUri\":\"" + VS + "derm-em\"},"
                + "{\"name\":\"system\",\"valueUri\":\"" + SystemUrls.CPT + "\"},"
                + "{\"name\":\"code\",\"valueCode\":\"99202\"},"
                + "{\"name\":\"date\",\"valueDateTime\":\"2024-13-45\"}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/ValueSet/$validate-code"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Parameter 'date'").contains("2024-13-45");

        String xml = "<Parameters xmlns=\"http://hl7.org/fhir\">"
                + "<parameter><name value=\"url\"/><valueUri value=\"" + VS + "derm-em\"/></parameter>"
                + "<parameter><name value=\"system\"/><valueUri value=\"" + SystemUrls.CPT + "\"/></parameter>"
                + "<parameter><name value=\"code\"/><valueCode value=\"99202\"/></parameter>"
                + "<parameter><name value=\"date\"/><valueDateTime value=\"01/02/2024\"/></parameter></Parameters>";
        HttpResponse<String> xmlResponse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/ValueSet/$validate-code"))
                .header("Content-Type", "application/fhir+xml").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(xmlResponse.statusCode()).as(xmlResponse.body()).isEqualTo(400);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, xmlResponse.body())
                .getIssueFirstRep().getDiagnostics()).contains("Parameter 'date'");
    }

    @Test
    void instanceLevelCodeSystemValidateCode() {
        Parameters out = client.operation().onInstance(new IdType("CodeSystem", "cpt")).named("$validate-code")
                .withParameter(Parameters.class, "code", new CodeType("17000")).useHttpGet().execute();
        assertThat(result(out)).isTrue();
        assertThat(value(out, "display").primitiveValue()).containsIgnoringCase("destruction");
    }

    @Test
    void instanceLevelValueSetValidateCode() {
        Parameters out = client.operation().onInstance(new IdType("ValueSet", "derm-em")).named("$validate-code")
                .withParameter(Parameters.class, "system", new UriType(SystemUrls.CPT))
                .andParameter("code", new CodeType("99213")).useHttpGet().execute();
        assertThat(result(out)).isTrue();
    }
}
