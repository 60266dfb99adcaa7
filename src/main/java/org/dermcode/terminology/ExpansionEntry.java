package org.dermcode.terminology;

import java.time.LocalDate;

/** One code of an expansion; {@code concept} is null for codes of a system the server does not host. */
public record ExpansionEntry(String system, String version, String code, String display, Concept concept) {

    public boolean isAbstract() {
        return concept != null && concept.isAbstract();
    }

    public boolean isInactive() {
        return concept != null && concept.isInactive();
    }

    /** See {@link Concept#isInactiveOn}. */
    public boolean isInactiveOn(LocalDate day) {
        return concept != null && concept.isInactiveOn(day);
    }

    /** True when the code has life dates and is not in force on {@code day} (a retired code of a pick list). */
    public boolean isRetiredOn(LocalDate day) {
        return concept != null && concept.hasLifeDates() && !concept.isEffectiveOn(day);
    }

    /**
     * The lower-case words the text filter finds this entry by: its concept's, split once, when the
     * entry shows the concept's display; else those of its own display and the concept's designations.
     */
    java.util.List<String> searchWords() {
        if (concept != null && java.util.Objects.equals(display, concept.display())) {
            return concept.searchWords();
        }
        return TextFilter.words(display, concept == null ? null : concept.designationText());
    }

    public String key() {
        return system + "|" + code;
    }
}
