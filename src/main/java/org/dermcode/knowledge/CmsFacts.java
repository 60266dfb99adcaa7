package org.dermcode.knowledge;

import java.util.List;

/**
 * The CMS facts of one code in force on one date: its fee-schedule row (null when that year's fee
 * schedule has none), the 26 and TC component rows of a code with a professional/technical split
 * (null otherwise), its MUE (null when none), the primaries of its add-on edit (empty when it has
 * none), and the releases they came from ({@code ncciRelease} is null when no NCCI release covers it).
 */
public record CmsFacts(String code, Release pfsRelease, FeeScheduleRow fees, FeeScheduleRow professional,
        FeeScheduleRow technical, Release ncciRelease, Mue mue, List<String> addOnPrimaries) {

    public boolean hasFees() {
        return fees != null;
    }

    /** The component row for modifier 26 or TC; null for another modifier or a code without the split. */
    public FeeScheduleRow component(String modifier) {
        if (FeeScheduleRow.PROFESSIONAL.equals(modifier)) {
            return professional;
        }
        return FeeScheduleRow.TECHNICAL.equals(modifier) ? technical : null;
    }
}
