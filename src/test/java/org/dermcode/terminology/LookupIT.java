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
        var op = client.operation().onType(CodeSystem.class).named("$lookup")
                .withParameter(Parameters.class, "system", new UriType(system))
                .andParameter("code", new CodeType(code));
        for (String property : properties) {
            op = op.andParameter("property", new CodeType(property));
        }
        return op.useHttpGet().execute();
    }

    @Test
    void mohsFirstStageHasItsCmsFacts() {
        Parameters out = lookup(SystemUrls.CPT, "17311", "*");
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
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("00000");
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
}
