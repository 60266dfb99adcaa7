package org.dermcode.rules;

import java.math.BigDecimal;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds test claims in a few words. Defaults: a professional claim created 2024-06-30 with one
 * careTeam member (sequence 1), diagnosis 1 = L57.0, and each line dated 2024-05-06 in the
 * office (place of service 11), pointing at careTeam 1 and diagnosis 1.
 *
 * <pre>claim().line("99213").mod("25").line("11102").build()</pre>
 */
public final class ClaimBuilder {

    public static final String DATE = "2024-05-06";

    private final Claim claim = new Claim();
    private Claim.ItemComponent current;

    private ClaimBuilder() {
        claim.setId("test-claim");
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setUse(Claim.Use.CLAIM);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                "professional", null)));
        claim.setPatient(new Reference("Patient/p1"));
        claim.setProvider(new Reference("Practitioner/dr-a"));
        claim.setCreatedElement(new DateTimeType("2024-06-30"));
        claim.addCareTeam().setSequence(1).setProvider(new Reference("Practitioner/dr-a"));
        claim.addDiagnosis().setSequence(1).setDiagnosis(icd("L57.0"));
    }

    public static ClaimBuilder claim() {
        return new ClaimBuilder();
    }

    /** Replaces the default diagnoses with these ICD-10-CM codes (sequences 1..n). */
    public ClaimBuilder diagnoses(String... codes) {
        claim.getDiagnosis().clear();
        for (int i = 0; i < codes.length; i++) {
            claim.addDiagnosis().setSequence(i + 1).setDiagnosis(icd(codes[i]));
        }
        return this;
    }

    public ClaimBuilder careTeam(int sequence, String practitioner) {
        claim.addCareTeam().setSequence(sequence).setProvider(new Reference(practitioner));
        return this;
    }

    public ClaimBuilder created(String date) {
        claim.setCreatedElement(new DateTimeType(date));
        return this;
    }

    public ClaimBuilder billablePeriod(String start, String end) {
        claim.setBillablePeriod(new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end)));
        return this;
    }

    /** A new CPT line (HCPCS for codes starting with a letter). */
    public ClaimBuilder line(String code) {
        String system = Character.isLetter(code.charAt(0)) ? SystemUrls.HCPCS : SystemUrls.CPT;
        return line(system, code);
    }

    public ClaimBuilder line(String system, String code) {
        current = claim.addItem();
        current.setSequence(claim.getItem().size());
        current.setProductOrService(new CodeableConcept(new Coding(system, code, null)));
        current.setServiced(new DateType(DATE));
        current.addCareTeamSequence(1);
        current.addDiagnosisSequence(1);
        current.setLocation(new CodeableConcept(new Coding(
                "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set.html", "11", null)));
        return this;
    }

    /** Adds a modifier to the current line (CPT system for numeric modifiers, HCPCS otherwise). */
    public ClaimBuilder mod(String modifier) {
        String system = Character.isDigit(modifier.charAt(0)) ? SystemUrls.CPT : SystemUrls.HCPCS;
        current.addModifier(new CodeableConcept(new Coding(system, modifier, null)));
        return this;
    }

    public ClaimBuilder date(String date) {
        current.setServiced(new DateType(date));
        return this;
    }

    public ClaimBuilder noDate() {
        current.setServiced(null);
        return this;
    }

    public ClaimBuilder units(int units) {
        current.getQuantity().setValue(BigDecimal.valueOf(units));
        return this;
    }

    public ClaimBuilder pos(String placeOfService) {
        current.getLocationCodeableConcept().getCodingFirstRep().setCode(placeOfService);
        return this;
    }

    /** Replaces the system of the current line's place of service. */
    public ClaimBuilder posSystem(String system) {
        current.getLocationCodeableConcept().getCodingFirstRep().setSystem(system);
        return this;
    }

    public ClaimBuilder use(Claim.Use use) {
        claim.setUse(use);
        return this;
    }

    /** Replaces the current line's diagnosis pointers. */
    public ClaimBuilder dx(int... pointers) {
        current.getDiagnosisSequence().clear();
        for (int pointer : pointers) {
            current.addDiagnosisSequence(pointer);
        }
        return this;
    }

    public ClaimBuilder careTeamSequence(int... pointers) {
        current.getCareTeamSequence().clear();
        for (int pointer : pointers) {
            current.addCareTeamSequence(pointer);
        }
        return this;
    }

    public ClaimBuilder sequence(int sequence) {
        current.setSequence(sequence);
        return this;
    }

    /** The claim being built, for changes the builder has no word for. */
    public Claim raw() {
        return claim;
    }

    public Claim.ItemComponent currentLine() {
        return current;
    }

    public Claim build() {
        return claim;
    }

    static CodeableConcept icd(String code) {
        return new CodeableConcept(new Coding(SystemUrls.ICD10CM, code, null));
    }
}
