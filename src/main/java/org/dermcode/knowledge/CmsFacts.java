package org.dermcode.knowledge;

import java.util.List;

/**
 * The CMS facts of one code in force on one date: its fee-schedule row (null when that year's fee
 * schedule has none), its MUE (null when none), the primaries of its add-on edit (empty when it has
 * none), and the releases they came from ({@code ncciRelease} is null when no NCCI release covers it).
 */
public record CmsFacts(String code, Release pfsRelease, FeeScheduleRow fees, Release ncciRelease, Mue mue,
        List<String> addOnPrimaries) {

    public boolean hasFees() {
        return fees != null;
    }
}
