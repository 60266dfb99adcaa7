package org.dermcode.knowledge;

/** A practitioner medically unlikely edit: at most {@code units} per day; MAI 2 policy, 3 clinical. */
public record Mue(String code, int units, String adjudication, Release release) {

    /** MAI 3: a clinical limit, payable on appeal; otherwise a policy limit. */
    public boolean clinical() {
        return "3".equals(adjudication);
    }
}
