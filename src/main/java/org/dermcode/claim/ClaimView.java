package org.dermcode.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermcode.rules.CodeFacts;
import org.dermcode.rules.PlaceOfService;
import org.hl7.fhir.r4.model.Claim;

/**
 * A read-only view of a Claim with everything the rules need already resolved: each line's code
 * and facts, modifiers, date, rendering provider, units and diagnosis pointers; the diagnoses with
 * normalised ICD-10-CM codes; and the lines grouped by day (date and provider).
 */
public final class ClaimView {

    /** One modifier of a line; {@code facts} is null for a modifier the server does not know. */
    public record Modifier(int index, String code, String system, CodeFacts facts) {}

    /** Date and rendering provider: what "same day" means. */
    public record Day(LocalDate date, String provider) {}

    /** One line ({@code Claim.item[index]}). */
    public record Line(
            int index,
            Claim.ItemComponent item,
            String system,
            String code,
            boolean wellFormed,
            CodeFacts facts,
            List<Modifier> modifiers,
            LocalDate date,
            String dateElement,
            String provider,
            BigDecimal units,
            PlaceOfService placeOfService,
            List<Integer> diagnosisPointers) {

        public String path() {
            return "Claim.item[" + index + "]";
        }

        /** 1-based, as billers count lines. */
        public int number() {
            return index + 1;
        }

        public boolean hasCode() {
            return code != null;
        }

        public boolean isHosted() {
            return facts != null;
        }

        public boolean isEm() {
            return facts != null && facts.isEm();
        }

        public boolean isAddOn() {
            return facts != null && facts.isAddOn();
        }

        /** A procedure line: hosted procedure codes, and CPT/HCPCS codes the server does not host. */
        public boolean isProcedure() {
            return code != null && (facts == null || facts.isProcedure());
        }

        public boolean hasModifier(String modifier) {
            for (Modifier m : modifiers) {
                if (m.code().equals(modifier)) {
                    return true;
                }
            }
            return false;
        }

        public Day day() {
            return date == null ? null : new Day(date, provider);
        }

        /** Paid at the non-facility rate: a place of service off CMS's facility list, or none given. */
        public boolean nonFacility() {
            return placeOfService == null || !placeOfService.facilityRate();
        }
    }

    /** One diagnosis ({@code Claim.diagnosis[index]}); {@code icdCode} is null without an ICD-10-CM coding. */
    public record Diagnosis(int index, Integer sequence, String icdCode, boolean coded) {

        public String path() {
            return "Claim.diagnosis[" + index + "]";
        }
    }

    private final Claim claim;
    private final List<Line> lines;
    private final List<Diagnosis> diagnoses;
    private final Map<Day, List<Line>> days = new LinkedHashMap<>();
    private final LocalDate created;
    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final boolean beforeService;

    ClaimView(Claim claim, List<Line> lines, List<Diagnosis> diagnoses, LocalDate created, LocalDate periodStart,
            LocalDate periodEnd) {
        this.claim = claim;
        this.beforeService = claim.getUse() == Claim.Use.PREAUTHORIZATION
                || claim.getUse() == Claim.Use.PREDETERMINATION;
        this.lines = List.copyOf(lines);
        this.diagnoses = List.copyOf(diagnoses);
        this.created = created;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        for (Line line : lines) {
            if (line.day() != null) {
                days.computeIfAbsent(line.day(), d -> new ArrayList<>()).add(line);
            }
        }
    }

    public Claim claim() {
        return claim;
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Diagnosis> diagnoses() {
        return diagnoses;
    }

    /** The lines of one day, in claim order (empty for a line without a date). */
    public List<Line> sameDay(Line line) {
        Day day = line.day();
        return day == null ? List.of() : Collections.unmodifiableList(days.get(day));
    }

    /** Every day of the claim with its lines, in order of first appearance. */
    public Map<Day, List<Line>> days() {
        return Collections.unmodifiableMap(days);
    }

    /** The diagnosis with that {@code sequence}, or null. */
    public Diagnosis diagnosisBySequence(int sequence) {
        for (Diagnosis diagnosis : diagnoses) {
            if (diagnosis.sequence() != null && diagnosis.sequence() == sequence) {
                return diagnosis;
            }
        }
        return null;
    }

    public LocalDate created() {
        return created;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }

    /**
     * True for a preauthorization or predetermination ({@code Claim.use}): it describes services not
     * yet given, so it is not a bill and the billing-date rules do not apply.
     */
    public boolean beforeService() {
        return beforeService;
    }
}
