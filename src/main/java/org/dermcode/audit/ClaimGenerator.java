package org.dermcode.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Synthetic dermatology claims for audits and benchmarks, seeded: the visit patterns of
 * {@code examples/claims} (E/M with biopsies, AK destruction, Mohs, warts, cyst excision, pathology,
 * phototherapy), 1-10 lines, about a third with one of the usual mistakes (missing 25, add-on
 * without its primary, units over the MUE, missing XS, a retired or mistyped code, no date).
 */
public final class ClaimGenerator {

    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

    /** One line of a pattern: code, units, modifiers, diagnosis (index into the pattern's diagnoses). */
    private record L(String code, int units, String modifier, int dx) {}

    /** A visit pattern: diagnoses and lines, clean as given. */
    private record Pattern(List<String> dx, List<L> lines) {}

    /** The clean ten-line visit of the benchmarks (Mohs, biopsies, pathology, AK, phototherapy). */
    private static final Pattern TEN = new Pattern(List.of("C44.311", "D48.5", "L57.0", "L40.0"), List.of(
            new L("99214", 1, "25", 0), new L("17311", 1, null, 0), new L("17312", 1, null, 0),
            new L("17315", 2, null, 0), new L("11102", 1, "XS", 1), new L("11103", 2, null, 1),
            new L("88305", 1, "59", 1), new L("17000", 1, "XS", 2), new L("17003", 5, null, 2),
            new L("96900", 1, null, 3)));

    private static final List<Pattern> PATTERNS = List.of(
            new Pattern(List.of("L57.0"), List.of(new L("99213", 1, null, 0))),
            new Pattern(List.of("L40.0", "D48.5"), List.of(new L("99213", 1, "25", 0), new L("11102", 1, null, 1))),
            new Pattern(List.of("L57.0"), List.of(new L("17000", 1, null, 0), new L("17003", 5, null, 0))),
            new Pattern(List.of("C44.311"), List.of(new L("17311", 1, null, 0), new L("17312", 1, null, 0),
                    new L("17315", 2, null, 0))),
            new Pattern(List.of("D48.5", "L43.9"), List.of(new L("11106", 1, null, 0), new L("11105", 2, null, 1),
                    new L("11103", 1, null, 0))),
            new Pattern(List.of("L20.9", "B07.8"), List.of(new L("99203", 1, "25", 0), new L("17110", 1, null, 1))),
            new Pattern(List.of("L72.0", "B07.8"), List.of(new L("11403", 1, "XS", 0), new L("17110", 1, null, 1))),
            new Pattern(List.of("Z85.828", "D48.5", "L57.0"), List.of(new L("99214", 1, "25", 0),
                    new L("11102", 1, null, 1), new L("17000", 1, "XS", 2), new L("17003", 3, null, 2))),
            TEN);

    private static final String[] PROVIDERS = {"derm-dr-okafor", "derm-dr-lindqvist", "derm-dr-moreau",
        "derm-np-castillo"};

    private final SplittableRandom random;
    private final Integer fixedLines;

    /** {@code fixedLines}: every claim has this many lines (1-10), or null for a mix of 1-10. */
    public ClaimGenerator(long seed, Integer fixedLines) {
        this.random = new SplittableRandom(seed);
        this.fixedLines = fixedLines;
    }

    public Claim next(int number) {
        Pattern pattern;
        if (fixedLines != null) {
            pattern = truncate(TEN, fixedLines);
        } else {
            pattern = PATTERNS.get(random.nextInt(PATTERNS.size()));
        }
        LocalDate day = LocalDate.of(2024, 1, 2).plusDays(random.nextInt(330));
        String provider = "Practitioner/" + PROVIDERS[random.nextInt(PROVIDERS.length)];
        Claim claim = new Claim();
        claim.setId(String.format("gen-%07d", number));
        claim.addIdentifier(new Identifier().setSystem("http://dermcode.org/fhir/sid/example-claim-number")
                .setValue("GEN-" + number));
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                "professional", null)));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference("Patient/gen-pt-" + random.nextInt(20_000)));
        claim.setBillablePeriod(new Period().setStartElement(new DateTimeType(day.toString()))
                .setEndElement(new DateTimeType(day.toString())));
        claim.setCreatedElement(new DateTimeType(day.plusDays(1 + random.nextInt(10)).toString()));
        claim.setInsurer(new Reference("Organization/medicare-part-b-mac"));
        claim.setProvider(new Reference(provider));
        claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
                "normal", null)));
        claim.addCareTeam().setSequence(1).setProvider(new Reference(provider));
        for (int i = 0; i < pattern.dx().size(); i++) {
            claim.addDiagnosis().setSequence(i + 1).setDiagnosis(new CodeableConcept(
                    new Coding(ICD, pattern.dx().get(i), null)));
        }
        claim.setInsurance(List.of(new Claim.InsuranceComponent().setSequence(1).setFocal(true)
                .setCoverage(new Reference("Coverage/gen-cov"))));
        int fault = random.nextInt(100) < 35 ? random.nextInt(8) : -1;
        int faultLine = random.nextInt(pattern.lines().size());
        int sequence = 1;
        for (int i = 0; i < pattern.lines().size(); i++) {
            L line = pattern.lines().get(i);
            String code = line.code();
            int units = line.units();
            String modifier = line.modifier();
            boolean dated = true;
            if (i == faultLine && fault >= 0) {
                switch (fault) {
                    case 0 -> modifier = "25".equals(modifier) ? null : modifier;      // missing 25
                    case 1 -> units = 14;                                              // over the MUE
                    case 2 -> modifier = "XS".equals(modifier) ? null : "59";          // missing or needless bypass
                    case 3 -> code = code.startsWith("99") ? "99201" : "11100";        // retired code
                    case 4 -> modifier = "X5";                                         // modifier typo
                    case 5 -> dated = false;                                           // no date on a multi-day claim
                    case 6 -> code = "17003";                                          // add-on out of place
                    default -> units = units + 1;
                }
            }
            Claim.ItemComponent item = claim.addItem().setSequence(sequence++);
            item.addCareTeamSequence(1);
            item.addDiagnosisSequence(line.dx() + 1);
            item.setProductOrService(new CodeableConcept(new Coding(CPT, code, null)));
            if (modifier != null) {
                // XE/XS/XP/XU are HCPCS Level II modifiers; 25, 59 and the rest are CPT modifiers
                item.addModifier(new CodeableConcept(new Coding(modifier.matches("X[EPSU]") ? HCPCS : CPT,
                        modifier, null)));
            }
            if (dated) {
                item.setServiced(new DateType(day.toString()));
            } else {
                claim.getBillablePeriod().setEndElement(new DateTimeType(day.plusDays(3).toString()));
            }
            item.setLocation(new CodeableConcept(new Coding("https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set.html", "11", null)));
            if (units != 1) {
                item.setQuantity(new Quantity(units));
            }
        }
        return claim;
    }

    private static Pattern truncate(Pattern pattern, int lines) {
        int n = Math.max(1, Math.min(lines, pattern.lines().size()));
        return new Pattern(pattern.dx(), new ArrayList<>(pattern.lines().subList(0, n)));
    }

    /** Writes {@code count} claims, one JSON Claim a line. */
    public static void write(FhirContext fhir, Path out, int count, long seed, Integer fixedLines) throws IOException {
        ClaimGenerator generator = new ClaimGenerator(seed, fixedLines);
        IParser parser = fhir.newJsonParser();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                writer.write(parser.encodeResourceToString(generator.next(i)));
                writer.write('\n');
            }
        }
    }
}
