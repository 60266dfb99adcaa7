package org.dermcode.knowledge;

import java.math.BigDecimal;

/**
 * One row of a code in one fee-schedule release: the base row ({@code modifier} empty: the global
 * service) or, for a code with a professional/technical split (PC/TC indicator 1), its 26 or TC
 * component row with that component's RVUs.
 */
public record FeeScheduleRow(
        String code,
        String modifier,
        String status,
        String globalDays,
        BigDecimal workRvu,
        BigDecimal nonFacilityRvu,
        BigDecimal facilityRvu,
        String pctc,
        String multipleProcedure,
        String bilateralSurgery,
        String assistantSurgery,
        String coSurgery,
        String teamSurgery,
        BigDecimal conversionFactor) {

    /** The modifier of the professional component row. */
    public static final String PROFESSIONAL = "26";
    /** The modifier of the technical component row. */
    public static final String TECHNICAL = "TC";

    /** The total RVUs that apply at a place of service: non-facility or facility. */
    public BigDecimal totalRvu(boolean nonFacility) {
        return nonFacility ? nonFacilityRvu : facilityRvu;
    }
}
