package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

class LookupIT extends ServerIT {

    private Parameters lookup(String system, String code, String... properties) {
        return lookupWith(system, code, null, null, properties);
    }

    private Parameters lookupWith(String system, String code, String version, String date, String... properties) {
        var op = client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(system))
                .andParameter("code", new CodeType(code));
        if (version != null) {
            op = op.andParameter("version", new org.hl7.fhir.r4.model.StringType(version));
        }
        if (date != null) {
            op = op.andParameter("date", new org.hl7.fhir.r4.model.DateTimeType(date));
        }
        for (String property : properties) {
            op = op.andParameter("property", new CodeType(property));
        }
        return op.useHttpGet().execute();
    }

    @Test
    void mohsFirstStageHasItsCmsFacts() {
        Parameters out = lookupWith(SystemUrls.CPT, "17311", "2024", null, "*");
        assertThat(value(out, "display").primitiveValue()).startsWith("Mohs");
        assertThat(property(out, "globalDays").primitiveValue()).isEqualTo("000");
        assertThat(property(out, "workRvu").primitiveValue()).isEqualTo("6.20");
        assertThat(property(out, "mueUnits").primitiveValue()).isEqualTo("4");
        assertThat(property(out, "parent").primitiveValue()).isEqualTo("mohs");
    }

    @Test
    void addOnListsItsPrimaries() {
        Parameters out = lookup(SystemUrls.CPT, "11105", "addOnTo", "kind");
        assertThat(out.getParameter().stream().filter(p -> "property".equals(p.getName())).count()).isEqualTo(3);
        assertThat(property(out, "kind").primitiveValue()).isEqualTo("add-on");
    }

    @Test
    void categoryIsAbstractWithChildren() {
        Parameters out = lookup(SystemUrls.CPT, "biopsy", "child");
        assertThat(value(out, "abstract").primitiveValue()).isEqualTo("true");
        assertThat(property(out, "child")).isNotNull();
    }

    @Test
    void hcpcsAcceptsTheHttpSpelling() {
        Parameters out = lookup("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "J7308");
        assertThat(property(out, "requiresProcedure").primitiveValue()).isEqualTo("96567");
        // the code and the system's canonical url, as a tx-resource code system's lookup answers
        assertThat(value(out, "code").primitiveValue()).isEqualTo("J7308");
        assertThat(value(out, "system").primitiveValue()).isEqualTo(SystemUrls.HCPCS);
    }

    @Test
    void icd10cmAndRuleIdsCanBeLookedUp() {
        assertThat(value(lookup(SystemUrls.ICD10CM, "L57.0"), "display").primitiveValue()).containsIgnoringCase("keratosis");
        assertThat(property(lookup(SystemUrls.CLAIM_RULE, "MOD-25-MISSING"), "severity").primitiveValue())
                .isEqualTo("error");
    }

    @Test
    void retiredCodeSaysSo() {
        Parameters out = lookup(SystemUrls.CPT, "99201", "status", "retirementDate");
        assertThat(property(out, "status").primitiveValue()).isEqualTo("retired");
        assertThat(property(out, "retirementDate").primitiveValue()).startsWith("2021-01-01");
    }

    @Test
    void codingParameterAndStringCodeWork() {
        Parameters byCoding = client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "coding", new Coding(SystemUrls.CPT, "11102", null)).execute();
        assertThat(value(byCoding, "display").primitiveValue()).containsIgnoringCase("biopsy");
        Parameters byString = client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(SystemUrls.CPT))
                .andParameter("code", new StringType("11102")).execute();
        assertThat(value(byString, "display").primitiveValue()).containsIgnoringCase("biopsy");
    }

    @Test
    void instanceLevelUsesThatCodeSystem() {
        Parameters out = client.operation().onInstance("CodeSystem/cpt").named("$lookup")
                .withParameter(Parameters.class, "code", new CodeType("17000")).useHttpGet().execute();
        assertThat(property(out, "globalDays").primitiveValue()).isEqualTo("010");
    }

    @Test
    void unknownCodeIs404() {
        assertThatThrownBy(() -> lookup(SystemUrls.CPT, "00000"))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("00000")
                .message().doesNotContain("did you mean", "cannot be one");
    }

    @Test
    void anIcd10CmCodeWithoutItsDotIs404SuggestingTheDottedCode() {
        assertThatThrownBy(() -> lookup(SystemUrls.ICD10CM, "C44311"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Code 'C44311' is not in code system")
                .hasMessageContaining("did you mean C44.311?");
        assertThat(lookup(SystemUrls.ICD10CM, "C44.311").getParameter("display")).isNotNull();
    }

    @Test
    void aCodeThatCannotBeCptOrHcpcsIs404SayingWhy() {
        assertThatThrownBy(() -> lookup(SystemUrls.CPT, "abc12"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("it cannot be one: a CPT code is five digits, or four digits and F (Category II),"
                        + " T (Category III) or U (PLA)");
        assertThatThrownBy(() -> lookup(SystemUrls.HCPCS, "J73080"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("it cannot be one: a HCPCS Level II code is a letter and four digits");
        assertThatThrownBy(() -> lookup(SystemUrls.CPT, "0001U"))
                .isInstanceOf(ResourceNotFoundException.class).message().doesNotContain("cannot be one");
    }

    @Test
    void badRequestsAre400NamingTheParameter() {
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "code", new CodeType("11102")).useHttpGet().execute())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("system");
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(SystemUrls.CPT))
                .andParameter("code", new CodeType("11102"))
                .andParameter("coding", new Coding(SystemUrls.CPT, "11102", null)).execute())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("coding");
        assertThatThrownBy(() -> lookup(SystemUrls.CPT, "11102", "noSuchProperty"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("noSuchProperty");
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(SystemUrls.CPT))
                .andParameter("code", new CodeType("11102"))
                .andParameter("date", new StringType("not-a-date")).useHttpGet().execute())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Parameter 'date'");
    }

    @Test
    void withoutVersionOrDateTheNewestVersionAnswers() {
        Parameters out = lookup(SystemUrls.CPT, "17311");
        assertThat(value(out, "version").primitiveValue()).isEqualTo("2026");
        assertThat(property(out, "workRvu").primitiveValue()).isEqualTo("6.05");
        assertThat(property(out, "pfsRelease").primitiveValue()).isEqualTo("RVU26C");
        assertThat(property(out, "ncciRelease").primitiveValue()).isEqualTo("2026Q2");
    }

    @Test
    void versionPicksTheYear() {
        Parameters y2024 = lookupWith(SystemUrls.CPT, "11102", "2024", null);
        assertThat(value(y2024, "version").primitiveValue()).isEqualTo("2024");
        assertThat(property(y2024, "workRvu").primitiveValue()).isEqualTo("0.66");
        assertThat(property(y2024, "nonFacilityRvu").primitiveValue()).isEqualTo("3.02");
        assertThat(property(y2024, "pfsRelease").primitiveValue()).isEqualTo("RVU24AR");
        assertThat(property(y2024, "ncciRelease").primitiveValue()).isEqualTo("2024Q3");
        Parameters y2026 = lookupWith(SystemUrls.CPT, "11102", "2026", null);
        assertThat(property(y2026, "workRvu").primitiveValue()).isEqualTo("0.64");
        assertThat(property(y2026, "nonFacilityRvu").primitiveValue()).isEqualTo("2.86");
        assertThat(property(y2026, "mueUnits").primitiveValue()).isEqualTo("1");
    }

    @Test
    void dateGivesTheFactsInForceThatDay() {
        Parameters june2024 = lookupWith(SystemUrls.CPT, "11102", null, "2024-06-01");
        assertThat(value(june2024, "version").primitiveValue()).isEqualTo("2024");
        assertThat(property(june2024, "workRvu").primitiveValue()).isEqualTo("0.66");
        assertThat(property(june2024, "pfsRelease").primitiveValue()).isEqualTo("RVU24AR");
        assertThat(property(june2024, "ncciRelease").primitiveValue()).isEqualTo("2024Q3");
        // January 2026: the CY2026 fee schedule, but still the 2024 Q3 edits for a code they cover
        Parameters jan2026 = lookupWith(SystemUrls.CPT, "11102", null, "2026-01-15");
        assertThat(property(jan2026, "pfsRelease").primitiveValue()).isEqualTo("RVU26C");
        assertThat(property(jan2026, "ncciRelease").primitiveValue()).isEqualTo("2024Q3");
        assertThat(property(lookupWith(SystemUrls.CPT, "11102", null, "2026-04-01"), "ncciRelease").primitiveValue())
                .isEqualTo("2026Q2");
    }

    @Test
    void icdVersionsAreFiscalYears() {
        assertThat(value(lookupWith(SystemUrls.ICD10CM, "L29.8", null, "2024-09-30"), "abstract").primitiveValue())
                .isEqualTo("false");
        Parameters fy2025 = lookupWith(SystemUrls.ICD10CM, "L29.8", null, "2024-10-01");
        assertThat(value(fy2025, "version").primitiveValue()).isEqualTo("2025");
        assertThat(value(fy2025, "abstract").primitiveValue()).isEqualTo("true");
        assertThat(value(lookupWith(SystemUrls.ICD10CM, "L66.1", "2024", null), "abstract").primitiveValue())
                .isEqualTo("false");
        assertThat(value(lookup(SystemUrls.ICD10CM, "L02.237"), "version").primitiveValue()).isEqualTo("2027");
    }
}
