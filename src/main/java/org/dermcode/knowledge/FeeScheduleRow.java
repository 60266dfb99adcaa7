package org.dermcode.knowledge;

import java.math.BigDecimal;

/** The base row (no modifier) of a code in one fee-schedule release. */
public record FeeScheduleRow(
        String code,
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
        BigDecimal conversionFactor) {}
