package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.junit.jupiter.api.Test;

/** Versions of one code system share their unchanged concepts and keep their own changed ones. */
class ConceptSharingTest {

    private static CodeSystem version(String version, String display11, String display12) {
        CodeSystem cs = new CodeSystem().setUrl("http://example.org/cs").setVersion(version);
        ConceptDefinitionComponent parent = cs.addConcept().setCode("1").setDisplay("Parent");
        parent.addConcept().setCode("11").setDisplay(display11);
        parent.addConcept().setCode("12").setDisplay(display12)
                .addProperty().setCode("status").setValue(new CodeType("active"));
        cs.addConcept().setCode("2").setDisplay("Two");
        return cs;
    }

    @Test
    void anUnchangedConceptIsTheEarlierOneAndAChangedOneStaysItsOwn() {
        ConceptSharing sharing = new ConceptSharing();
        CodeSystem v1 = version("1", "Eleven", "Twelve");
        CodeSystem v2 = version("2", "Eleven", "Twelve (new title)");
        sharing.share(v1);
        sharing.share(v2);

        assertThat(v2.getConcept().get(1)).isSameAs(v1.getConcept().get(1));
        ConceptDefinitionComponent parent2 = v2.getConcept().get(0);
        assertThat(parent2).isNotSameAs(v1.getConcept().get(0)); // a child differs
        assertThat(parent2.getConcept().get(0)).isSameAs(v1.getConcept().get(0).getConcept().get(0));
        assertThat(parent2.getConcept().get(1)).isNotSameAs(v1.getConcept().get(0).getConcept().get(1));
        assertThat(parent2.getConcept().get(1).getDisplay()).isEqualTo("Twelve (new title)");
        assertThat(v1.getConcept().get(0).getConcept().get(1).getDisplay()).isEqualTo("Twelve");
    }

    @Test
    void aWhollyUnchangedHierarchyIsSharedFromTheTop() {
        ConceptSharing sharing = new ConceptSharing();
        CodeSystem v1 = version("1", "Eleven", "Twelve");
        CodeSystem v2 = version("2", "Eleven", "Twelve");
        sharing.share(v1);
        sharing.share(v2);
        assertThat(v2.getConcept().get(0)).isSameAs(v1.getConcept().get(0));
    }

    @Test
    void otherCodeSystemsNeverShare() {
        ConceptSharing sharing = new ConceptSharing();
        CodeSystem a = version("1", "Eleven", "Twelve");
        CodeSystem b = version("1", "Eleven", "Twelve").setUrl("http://example.org/other");
        sharing.share(a);
        sharing.share(b);
        assertThat(b.getConcept().get(1)).isNotSameAs(a.getConcept().get(1));
    }

    @Test
    void theLoadedIcdVersionsShareMostConceptsAndEachKeepsItsOwnFacts() {
        TerminologyRepository repository = TestTerminology.REPOSITORY;
        String icd = "http://hl7.org/fhir/sid/icd-10-cm";
        CodeSystemIndex fy2026 = repository.codeSystem(icd, "2026").orElseThrow();
        CodeSystemIndex fy2027 = repository.codeSystem(icd, "2027").orElseThrow();
        Concept b070in2026 = fy2026.find("B07.0").orElseThrow();
        Concept b070in2027 = fy2027.find("B07.0").orElseThrow();
        assertThat(b070in2027.definition()).isSameAs(b070in2026.definition());
        // L29.8 is billable in FY2024 and a header from FY2025: those versions keep their own concept
        Concept l298in2024 = repository.codeSystem(icd, "2024").orElseThrow().find("L29.8").orElseThrow();
        Concept l298in2025 = repository.codeSystem(icd, "2025").orElseThrow().find("L29.8").orElseThrow();
        assertThat(l298in2025.definition()).isNotSameAs(l298in2024.definition());
        assertThat(List.of(l298in2024.isAbstract(), l298in2025.isAbstract())).containsExactly(false, true);
    }
}
