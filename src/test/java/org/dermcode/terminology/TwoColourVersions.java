package org.dermcode.terminology;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * A code system with two versions that share some codes and not others, for the tests of value
 * sets over both versions: 1.0.0 has red, green, blue; 2.0.0 has red, green (renamed), violet.
 */
final class TwoColourVersions {

    static final String CS = "http://example.org/fhir/CodeSystem/colours";

    private TwoColourVersions() {
    }

    /** The version {@code version} ("1.0.0" or "2.0.0"). */
    static CodeSystem colours(String version) {
        CodeSystem cs = new CodeSystem().setUrl(CS).setVersion(version).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addConcept().setCode("red").setDisplay("Red");
        cs.addConcept().setCode("green").setDisplay(version.startsWith("1") ? "Green" : "Leaf green");
        cs.addConcept().setCode(version.startsWith("1") ? "blue" : "violet").setDisplay("Other " + version);
        return cs;
    }
}
