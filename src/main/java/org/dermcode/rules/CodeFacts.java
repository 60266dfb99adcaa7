package org.dermcode.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.dermcode.knowledge.CmsFacts;
import org.dermcode.knowledge.FeeScheduleRow;
import org.dermcode.knowledge.Release;
import org.dermcode.terminology.Concept;

/**
 * The billing facts of one hosted CPT/HCPCS code or modifier: the code-set facts (category, kind,
 * site group, size range, diagnosis families...) read once from the newest CodeSystem version, and
 * the CMS facts (global days, RVUs, indicators, MUE, add-on primaries) in force on one date, from
 * {@link org.dermcode.knowledge.Knowledge} with the releases they came from ({@link #pfsRelease},
 * {@link #ncciRelease}), with the 26 and TC component rows of a code with a professional/technical
 * split. Absent facts are null or empty.
 */
public record CodeFacts(
        String system,
        String code,
        String display,
        String category,
        String kind,
        String globalDays,
        List<String> addOnTo,
        String multipleProcedure,
        String pctc,
        Integer mueUnits,
        String mueAdjudication,
        BigDecimal nonFacilityRvu,
        BigDecimal facilityRvu,
        String modifierAppliesTo,
        String modifierRole,
        boolean ncciAssociated,
        Integer biopsyRank,
        String biopsyAddOn,
        List<String> expectedDiagnoses,
        List<String> requiresProcedure,
        String largerCode,
        List<String> descriptorAddOnTo,
        LocalDate with25PayableFrom,
        List<String> with25PayableAlongside,
        LocalDate effectiveDate,
        LocalDate retirementDate,
        BigDecimal workRvu,
        String pfsStatus,
        Release pfsRelease,
        Release ncciRelease,
        String siteGroup,
        String sizeMeasure,
        BigDecimal sizeMin,
        BigDecimal sizeMax,
        FeeScheduleRow professionalComponent,
        FeeScheduleRow technicalComponent) {

    /** The code-set facts of a concept, with the CMS facts its CodeSystem version carries. */
    static CodeFacts of(String system, Concept c) {
        return new CodeFacts(system, c.code(), c.display(), c.string("category"), c.string("kind"),
                c.string("globalDays"), List.copyOf(c.strings("addOnTo")), c.string("multipleProcedure"),
                c.string("pctc"), c.integer("mueUnits"), c.string("mueAdjudication"), c.decimal("nonFacilityRvu"),
                c.decimal("facilityRvu"), c.string("modifierAppliesTo"), c.string("modifierRole"),
                c.bool("ncciAssociated"), c.integer("biopsyRank"), c.string("biopsyAddOn"), List.copyOf(c.strings("expectedDiagnoses")),
                List.copyOf(c.strings("requiresProcedure")), c.string("largerCode"),
                List.copyOf(c.strings("descriptorAddOnTo")), c.date("with25PayableFrom"),
                List.copyOf(c.strings("with25PayableAlongside")), c.effectiveDate(),
                c.retirementDate(), c.decimal("workRvu"),
                c.string("pfsStatus"), null, null, c.string("siteGroup"), c.string("sizeMeasure"), c.decimal("sizeMin"),
                c.decimal("sizeMax"), null, null);
    }

    /** These code-set facts with the CMS facts in force on one date (none where that release has no row). */
    CodeFacts on(CmsFacts cms) {
        FeeScheduleRow fees = cms.fees();
        boolean hasFees = fees != null;
        boolean addOn = hasFees ? "ZZZ".equals(fees.globalDays()) : isAddOn();
        return new CodeFacts(system, code, display, category, kind, hasFees ? fees.globalDays() : null,
                addOn ? cms.addOnPrimaries() : List.of(), hasFees ? fees.multipleProcedure() : null,
                hasFees ? fees.pctc() : null, cms.mue() == null ? null : cms.mue().units(),
                cms.mue() == null ? null : cms.mue().adjudication(), hasFees ? fees.nonFacilityRvu() : null,
                hasFees ? fees.facilityRvu() : null, modifierAppliesTo, modifierRole, ncciAssociated, biopsyRank,
                biopsyAddOn, expectedDiagnoses, requiresProcedure, largerCode, descriptorAddOnTo, with25PayableFrom,
                with25PayableAlongside, effectiveDate, retirementDate,
                hasFees ? fees.workRvu() : null, hasFees ? fees.status() : null, cms.pfsRelease(), cms.ncciRelease(),
                siteGroup, sizeMeasure, sizeMin, sizeMax, cms.professional(), cms.technical());
    }

    /** "CY2026 fee schedule", or "the fee schedule" when the facts are not tied to a date. */
    public String feeScheduleLabel() {
        return pfsRelease == null ? "the fee schedule" : pfsRelease.label();
    }

    public boolean isEm() {
        return "em-new".equals(category) || "em-established".equals(category);
    }

    public boolean isAddOn() {
        return "add-on".equals(kind);
    }

    /**
     * The primaries of an add-on: those of the NCCI add-on edits in force, and those its own
     * descriptor names (G2211: the office/outpatient visits 99202-99215, whatever the NCCI file lists).
     */
    public List<String> primaries() {
        if (descriptorAddOnTo.isEmpty()) {
            return addOnTo;
        }
        List<String> all = new java.util.ArrayList<>(descriptorAddOnTo);
        for (String primary : addOnTo) {
            if (!all.contains(primary)) {
                all.add(primary);
            }
        }
        return all;
    }

    public boolean isModifier() {
        return "modifier".equals(kind);
    }

    public boolean isCategory() {
        return "category".equals(kind);
    }

    public boolean isDrug() {
        return "drugs".equals(category);
    }

    public boolean isEmAddOn() {
        return "em-add-on".equals(category);
    }

    /** A procedure in the sense of the rules: not E/M, not a drug, not the E/M add-on, not a modifier. */
    public boolean isProcedure() {
        return !isEm() && !isDrug() && !isEmAddOn() && !isModifier() && !isCategory();
    }

    /** 000 or 010 global: a minor procedure whose same-day E/M needs modifier 25. */
    public boolean isMinorGlobal() {
        return "000".equals(globalDays) || "010".equals(globalDays);
    }

    public boolean isEffectiveOn(LocalDate day) {
        return day == null || ((effectiveDate == null || !day.isBefore(effectiveDate))
                && (retirementDate == null || day.isBefore(retirementDate)));
    }

    /**
     * The fee-schedule component row a line with modifier 26 or TC is priced by (null for another
     * modifier, or a code without that component row in the release in force).
     */
    public FeeScheduleRow component(String modifier) {
        if (FeeScheduleRow.PROFESSIONAL.equals(modifier)) {
            return professionalComponent;
        }
        return FeeScheduleRow.TECHNICAL.equals(modifier) ? technicalComponent : null;
    }

    /** Total RVUs for ranking: the non-facility or the facility total, as the place of service says. */
    public BigDecimal rankingRvu(boolean nonFacility) {
        return nonFacility ? nonFacilityRvu : facilityRvu;
    }
}
