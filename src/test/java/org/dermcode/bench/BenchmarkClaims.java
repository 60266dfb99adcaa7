package org.dermcode.bench;

import java.time.LocalDate;
import org.dermcode.rules.ClaimBuilder;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * The claims the benchmarks validate: a clean 10-line Mohs/biopsy/AK visit, the same visit with
 * the usual mistakes, and a 50-line claim of five such visits two weeks apart.
 */
public final class BenchmarkClaims {

    private BenchmarkClaims() {}

    /** Ten lines, one day, no findings (neither rules nor profile). */
    public static Claim clean10() {
        ClaimBuilder b = ClaimBuilder.claim().diagnoses("C44.311", "D48.5", "L57.0", "L40.0");
        visit(b, ClaimBuilder.DATE, true);
        return complete(b.build());
    }

    /** The same ten lines with the common mistakes: no 25, no XS/59, an add-on first, units over the MUE. */
    public static Claim faulty10() {
        ClaimBuilder b = ClaimBuilder.claim().diagnoses("C44.311", "D48.5", "L57.0", "L40.0");
        b.line("17003").units(14).dx(3);
        b.line("99214").dx(1, 2);
        b.line("17311").dx(1);
        b.line("17312").dx(1);
        b.line("17315").units(2).dx(1);
        b.line("11102").dx(2);
        b.line("11103").units(2).dx(2);
        b.line("88305").dx(2);
        b.line("17000").dx(3);
        b.line("96900").mod("26").dx(4);
        return complete(b.build());
    }

    /** Fifty lines: five clean visits, 14 days apart (outside each other's post-operative periods). */
    public static Claim fifty() {
        ClaimBuilder b = ClaimBuilder.claim().diagnoses("C44.311", "D48.5", "L57.0", "L40.0");
        LocalDate day = LocalDate.parse(ClaimBuilder.DATE);
        for (int visit = 0; visit < 5; visit++) {
            visit(b, day.plusDays(14L * visit).toString(), visit == 0);
        }
        b.created("2024-08-30");
        return complete(b.build());
    }

    /**
     * Adds what an R4 Claim must have and the coding rules do not look at (priority, insurance), so
     * that the clean claims are clean for the profile validator too.
     */
    private static Claim complete(Claim claim) {
        claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
                "normal", null)));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/bench-coverage"));
        return claim;
    }

    /** One visit of ten lines; later visits have psoriasis phototherapy (96910) instead of the E/M. */
    private static void visit(ClaimBuilder b, String date, boolean withVisit) {
        if (withVisit) {
            b.line("99214").mod("25").dx(1, 2).date(date);
        }
        b.line("17311").dx(1).date(date);
        b.line("17312").dx(1).date(date);
        b.line("17315").units(2).dx(1).date(date);
        if (!withVisit) {
            b.line("96910").dx(4).date(date);
        }
        b.line("11102").mod("XS").dx(2).date(date);
        b.line("11103").units(2).dx(2).date(date);
        b.line("88305").mod("59").dx(2).date(date);
        b.line("17000").mod("XS").dx(3).date(date);
        b.line("17003").units(5).dx(3).date(date);
        b.line("96900").dx(4).date(date);
    }
}
