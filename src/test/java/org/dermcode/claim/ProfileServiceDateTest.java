package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dermcode.TestTerminology;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleEngine;
import org.dermcode.rules.RuleSet;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profile's value-set bindings are judged by the code system versions in force on the claim's
 * dates of service: L29.8 is billable in FY2024 and a header from FY2025; L29.89 exists from FY2025.
 */
class ProfileServiceDateTest {

    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String DX_ELEMENT = "Claim.diagnosis[0].diagnosis.ofType(CodeableConcept)";

    private static ClaimValidationService service;

    @BeforeAll
    static void build() {
        RuleEngine engine = new RuleEngine(RuleSet.all(TestTerminology.KNOWLEDGE, TestTerminology.FACTS),
                TestTerminology.CATALOG);
        service = new ClaimValidationService(TestTerminology.VIEWS, engine, TestTerminology.profileValidator(),
                findings -> { });
    }

    /** Example 01 (99213 + 11102) with its first diagnosis replaced and its service dates moved to {@code date}. */
    private static Claim claim(String dx, String date) throws Exception {
        Claim claim = TestTerminology.FHIR.newJsonParser().parseResource(Claim.class,
                Files.readString(Path.of("examples", "claims", "01-clean-em-with-biopsy.json")));
        claim.getDiagnosisFirstRep().setDiagnosis(new CodeableConcept(new Coding(ICD, dx, null)));
        claim.getItem().forEach(item -> item.setServiced(new DateType(date)));
        claim.getBillablePeriod().setStartElement(new DateTimeType(date)).setEndElement(new DateTimeType(date));
        claim.setCreatedElement(new DateTimeType(LocalDate.parse(date).plusDays(2).toString()));
        return claim;
    }

    private static List<Finding> profile(List<Finding> findings) {
        return findings.stream().filter(f -> f.ruleId().equals("PROFILE")).toList();
    }

    @Test
    void aCodeBillableOnItsDateGetsNoProfileFinding() throws Exception {
        assertThat(service.findings(claim("L29.8", "2024-06-03"), true)).isEmpty();
    }

    @Test
    void aCodeTheYearDoesNotHaveStillGetsOne() throws Exception {
        List<Finding> findings = service.findings(claim("L29.89", "2024-06-03"), true);
        assertThat(profile(findings)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(f.expression()).isEqualTo(DX_ELEMENT);
            assertThat(f.message()).contains("L29.89", "Dermatology diagnoses");
        });
        // the same code a year later is in force: silent
        assertThat(service.findings(claim("L29.89", "2025-06-02"), true)).isEmpty();
    }

    @Test
    void aHeaderOnItsDateIsReportedOnceByTheRule() throws Exception {
        List<Finding> findings = service.findings(claim("L29.8", "2025-06-02"), true);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("DX-NOT-BILLABLE");
            assertThat(f.expression()).startsWith("Claim.diagnosis[0]");
        });
    }

    @Test
    void withoutServiceDatesTheNewestVersionsJudge() throws Exception {
        Claim claim = claim("L29.8", "2024-06-03");
        assertThat(TestTerminology.profileValidator().validate(claim))
                .anyMatch(f -> f.expression().equals(DX_ELEMENT) && f.message().contains("L29.8"));
    }
}
