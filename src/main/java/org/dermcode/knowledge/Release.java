package org.dermcode.knowledge;

import java.time.LocalDate;

/**
 * One CMS or ICD-10-CM release the server holds: a fee schedule (in force for a calendar year), an
 * NCCI edit release (in force from its quarter until the next one) or an ICD-10-CM fiscal year. In
 * force from {@code effectiveFrom} until the next release of the same kind takes effect.
 */
public record Release(String id, Kind kind, String period, LocalDate effectiveFrom) {

    /** What a release holds. */
    public enum Kind {
        /** Physician fee schedule relative value file (RVUs, global days, indicators). */
        PFS,
        /** NCCI practitioner edits: procedure-to-procedure pairs, MUEs, add-on code edits. */
        NCCI,
        /** An ICD-10-CM fiscal year. */
        ICD
    }

    /** How finding texts name it: "CY2026 fee schedule", "NCCI 2026 Q2", "ICD-10-CM FY2027". */
    public String label() {
        return switch (kind) {
            case PFS -> period + " fee schedule";
            case NCCI -> "NCCI " + period;
            case ICD -> "ICD-10-CM " + period;
        };
    }

    /** An NCCI release named for one of its edit files: "NCCI PTP 2026 Q2", "NCCI MUE 2026 Q2". */
    public String label(String edits) {
        return kind == Kind.NCCI ? "NCCI " + edits + " " + period : label();
    }

    /** The year of the period: 2026 for CY2026, 2026 Q2 and FY2026. */
    public String year() {
        for (int i = 0; i + 4 <= period.length(); i++) {
            String four = period.substring(i, i + 4);
            if (four.chars().allMatch(Character::isDigit)) {
                return four;
            }
        }
        return period;
    }
}
