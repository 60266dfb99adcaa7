package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

class SubsumesIT extends ServerIT {

    private String subsumes(String system, String codeA, String codeB) {
        Parameters out = client.operation().onType(CodeSystem.class).named("$subsumes")
                .withParameter(Parameters.class, "system", new UriType(system))
                .andParameter("codeA", new CodeType(codeA))
                .andParameter("codeB", new CodeType(codeB)).useHttpGet().execute();
        return value(out, "outcome").primitiveValue();
    }

    @Test
    void categorySubsumesItsCode() {
        assertThat(subsumes(SystemUrls.CPT, "biopsy", "11104")).isEqualTo("subsumes");
    }

    @Test
    void codeIsSubsumedByItsCategory() {
        assertThat(subsumes(SystemUrls.CPT, "11104", "biopsy")).isEqualTo("subsumed-by");
    }

    @Test
    void sameCodeIsEquivalent() {
        assertThat(subsumes(SystemUrls.CPT, "11104", "11104")).isEqualTo("equivalent");
    }

    @Test
    void unrelatedCodesAreNotSubsumed() {
        assertThat(subsumes(SystemUrls.CPT, "11104", "17000")).isEqualTo("not-subsumed");
        assertThat(subsumes(SystemUrls.CPT, "biopsy", "destruction")).isEqualTo("not-subsumed");
    }

    @Test
    void subsumptionSpansTwoLevels() {
        assertThat(subsumes(SystemUrls.CPT, "em", "99213")).isEqualTo("subsumes");
        assertThat(subsumes(SystemUrls.CPT, "em", "em-new")).isEqualTo("subsumes");
        assertThat(subsumes(SystemUrls.CPT, "99202", "em")).isEqualTo("subsumed-by");
        assertThat(subsumes(SystemUrls.CPT, "em-new", "99213")).isEqualTo("not-subsumed");
    }

    @Test
    void icd10cmAndHcpcsHierarchies() {
        assertThat(subsumes(SystemUrls.ICD10CM, "L40", "L40.54")).isEqualTo("subsumes");
        assertThat(subsumes("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "modifiers", "RT"))
                .isEqualTo("subsumes");
    }

    @Test
    void codingAAndCodingBForm() {
        Parameters out = client.operation().onType(CodeSystem.class).named("$subsumes")
                .withParameter(Parameters.class, "codingA", new Coding(SystemUrls.CPT, "mohs", null))
                .andParameter("codingB", new Coding(SystemUrls.CPT, "17311", null)).execute();
        assertThat(value(out, "outcome").primitiveValue()).isEqualTo("subsumes");
    }

    @Test
    void instanceLevelUsesThatCodeSystem() {
        Parameters out = client.operation().onInstance(new IdType("CodeSystem", "cpt")).named("$subsumes")
                .withParameter(Parameters.class, "codeA", new CodeType("17004"))
                .andParameter("codeB", new CodeType("destruction")).useHttpGet().execute();
        assertThat(value(out, "outcome").primitiveValue()).isEqualTo("subsumed-by");
    }

    @Test
    void unknownCodeAIs400() {
        assertThatThrownBy(() -> subsumes(SystemUrls.CPT, "00000", "11104"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("codeA").hasMessageContaining("00000");
    }

    @Test
    void missingSystemIs400() {
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$subsumes")
                .withParameter(Parameters.class, "codeA", new CodeType("biopsy"))
                .andParameter("codeB", new CodeType("11104")).useHttpGet().execute())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'system'");
    }

    @Test
    void codingsFromDifferentSystemsAre400() {
        assertThatThrownBy(() -> client.operation().onType(CodeSystem.class).named("$subsumes")
                .withParameter(Parameters.class, "codingA", new Coding(SystemUrls.CPT, "biopsy", null))
                .andParameter("codingB", new Coding(SystemUrls.ICD10CM, "L40.0", null)).execute())
                .isInstanceOf(InvalidRequestException.class);
    }
}
