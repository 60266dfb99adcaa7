package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFilterTest {

    private static boolean matches(String filter, String code, String display) {
        return new TextFilter(filter).matches(code, display);
    }

    @Test
    void noFilterMatchesEverything() {
        assertThat(new TextFilter(null).isEmpty()).isTrue();
        assertThat(new TextFilter("").isEmpty()).isTrue();
        assertThat(new TextFilter("  , / ").isEmpty()).isTrue();
        assertThat(matches(null, "17311", "Mohs surgery")).isTrue();
        assertThat(matches("", null, null)).isTrue();
        assertThat(new TextFilter("bio").isEmpty()).isFalse();
    }

    @Test
    void displayWordPrefix() {
        assertThat(matches("bio", "11104", "Punch biopsy of skin, single lesion")).isTrue();
        assertThat(matches("biopsy", "11104", "Punch biopsy of skin, single lesion")).isTrue();
        assertThat(matches("skin", "11104", "Punch biopsy of skin, single lesion")).isTrue();
        // a prefix of a word, not any substring
        assertThat(matches("iopsy", "11104", "Punch biopsy of skin, single lesion")).isFalse();
        assertThat(matches("biopsies", "11104", "Punch biopsy of skin, single lesion")).isFalse();
    }

    @Test
    void caseInsensitive() {
        assertThat(matches("BIOPSY", "11104", "Punch biopsy of skin")).isTrue();
        assertThat(matches("Mohs", "17311", "MOHS SURGERY")).isTrue();
        assertThat(matches("l57", "L57.0", "Actinic keratosis")).isTrue();
        assertThat(matches("xs", "XS", "Separate structure")).isTrue();
    }

    @Test
    void everyWordMustMatch() {
        String display = "Punch biopsy of skin, single lesion";
        assertThat(matches("punch bio", "11104", display)).isTrue();
        assertThat(matches("bio punch", "11104", display)).isTrue();
        assertThat(matches("punch excision", "11104", display)).isFalse();
        assertThat(matches("tangential bio", "11104", display)).isFalse();
    }

    @Test
    void wordsAreSplitOnPunctuation() {
        String display = "Mohs surgery, first stage, head/neck/hands/feet/genitalia";
        assertThat(matches("neck", "17311", display)).isTrue();
        assertThat(matches("stage,neck", "17311", display)).isTrue();
        assertThat(matches("(first)", "17311", display)).isTrue();
    }

    @Test
    void codePrefix() {
        assertThat(matches("1731", "17311", "Mohs surgery")).isTrue();
        assertThat(matches("17311", "17311", "Mohs surgery")).isTrue();
        assertThat(matches("311", "17311", "Mohs surgery")).isFalse();
        assertThat(matches("173111", "17311", "Mohs surgery")).isFalse();
    }

    @Test
    void codeAndDisplayWordsMix() {
        assertThat(matches("1731 first", "17311", "Mohs surgery, first stage")).isTrue();
        assertThat(matches("1731 trunk", "17311", "Mohs surgery, first stage, head/neck")).isFalse();
    }

    @Test
    void icdCodesWithDots() {
        assertThat(matches("L57.0", "L57.0", "Actinic keratosis")).isTrue();
        assertThat(matches("L57.", "L57.0", "Actinic keratosis")).isTrue();
        assertThat(matches("L57", "L57.0", "Actinic keratosis")).isTrue();
        assertThat(matches("L57.1", "L57.0", "Actinic keratosis")).isFalse();
        assertThat(matches("L570", "L57.0", "Actinic keratosis")).isFalse();
        assertThat(matches("C44.3", "C44.31", "Basal cell carcinoma of skin of other parts of face")).isTrue();
        assertThat(matches("C44.3 basal", "C44.31", "Basal cell carcinoma of skin of other parts of face")).isTrue();
    }

    @Test
    void nullCodeOrDisplay() {
        assertThat(matches("bio", null, "Skin biopsy")).isTrue();
        assertThat(matches("111", "11104", null)).isTrue();
        assertThat(matches("bio", "11104", null)).isFalse();
    }

    @Test
    void displayWordWithTrailingDotStillMatches() {
        assertThat(matches("e.g", "17110", "Benign lesion destruction (e.g. warts), up to 14")).isTrue();
        assertThat(matches("warts", "17110", "Benign lesion destruction (e.g. warts), up to 14")).isTrue();
        assertThat(matches("14", "17110", "Benign lesion destruction (e.g. warts), up to 14")).isTrue();
    }
}
