package org.dermcode.terminology;

/** One code of an expansion; {@code concept} is null for codes of a system the server does not host. */
public record ExpansionEntry(String system, String version, String code, String display, Concept concept) {

    public boolean isAbstract() {
        return concept != null && concept.isAbstract();
    }

    public boolean isInactive() {
        return concept != null && concept.isInactive();
    }

    public String key() {
        return system + "|" + code;
    }
}
