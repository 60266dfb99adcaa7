package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

class ConformanceReadSearchIT extends ServerIT {

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    @Test
    void readsEachKindOfConformanceResource() {
        CodeSystem cpt = client.read().resource(CodeSystem.class).withId("cpt").execute();
        assertThat(cpt.getUrl()).isEqualTo(SystemUrls.CPT);
        assertThat(cpt.getVersion()).isEqualTo("2026");
        assertThat(client.read().resource(CodeSystem.class).withId("cpt-2024").execute().getVersion()).isEqualTo("2024");
        assertThat(cpt.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
        assertThat(cpt.getCopyright()).contains("American Medical Association");
        assertThat(cpt.getConcept()).isNotEmpty();

        ValueSet mohs = client.read().resource(ValueSet.class).withId("derm-mohs").execute();
        assertThat(mohs.getUrl()).isEqualTo(SystemUrls.CANONICAL_BASE + "/ValueSet/derm-mohs");
        assertThat(mohs.getCompose().getInclude()).isNotEmpty();

        ConceptMap map = client.read().resource(ConceptMap.class).withId("cpt-retired-replacements").execute();
        assertThat(map.getUrl()).isEqualTo(SystemUrls.CANONICAL_BASE + "/ConceptMap/cpt-retired-replacements");
        assertThat(map.getGroupFirstRep().getElement()).hasSize(3);

        StructureDefinition profile = client.read().resource(StructureDefinition.class).withId("derm-claim").execute();
        assertThat(profile.getUrl()).isEqualTo(SystemUrls.CANONICAL_BASE + "/StructureDefinition/derm-claim");
        assertThat(profile.getType()).isEqualTo("Claim");
    }

    @Test
    void searchByUrlReturnsABundleWithOneEntry() {
        Bundle bundle = client.search().forResource(CodeSystem.class)
                .where(CodeSystem.URL.matches().value(SystemUrls.CPT)).returnBundle(Bundle.class).execute();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        // one entry per version, the newest (id cpt) first
        assertThat(bundle.getEntry()).hasSize(3);
        assertThat(bundle.getTotal()).isEqualTo(3);
        assertThat(((CodeSystem) bundle.getEntryFirstRep().getResource()).getUrl()).isEqualTo(SystemUrls.CPT);
        assertThat(((CodeSystem) bundle.getEntryFirstRep().getResource()).getVersion()).isEqualTo("2026");

        // what HAPI's remote terminology support sends: a plain GET with the url
        Bundle byUrl = client.fetchResourceFromUrl(Bundle.class, baseUrl() + "/CodeSystem?url=" + SystemUrls.ICD10CM);
        assertThat(ids(byUrl)).containsExactly("icd-10-cm", "icd-10-cm-2024", "icd-10-cm-2025", "icd-10-cm-2026");
    }

    @Test
    void hcpcsIsFoundByEitherSpelling() {
        for (String url : List.of(SystemUrls.HCPCS, "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets")) {
            Bundle bundle = client.search().forResource(CodeSystem.class).where(CodeSystem.URL.matches().value(url))
                    .returnBundle(Bundle.class).execute();
            assertThat(ids(bundle)).as(url).containsExactly("hcpcs", "hcpcs-2024", "hcpcs-2025");
        }
    }

    @Test
    void searchByVersionAndName() {
        Bundle v2024 = client.search().forResource(CodeSystem.class).where(CodeSystem.VERSION.exactly().code("2024"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(v2024)).contains("cpt-2024", "hcpcs-2024", "icd-10-cm-2024").doesNotContain("claim-rule", "cpt");

        Bundle byName = client.search().forResource(CodeSystem.class).where(CodeSystem.NAME.matches().value("cpt"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(byName)).containsExactly("cpt", "cpt-2024", "cpt-2025");

        Bundle valueSets = client.search().forResource(ValueSet.class).where(ValueSet.NAME.matches().value("DermMohs"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(valueSets)).containsExactly("derm-mohs");

        Bundle urlAndVersion = client.search().forResource(ValueSet.class)
                .where(ValueSet.URL.matches().value(SystemUrls.CANONICAL_BASE + "/ValueSet/derm-em"))
                .and(ValueSet.VERSION.exactly().code("1.0.0")).returnBundle(Bundle.class).execute();
        assertThat(ids(urlAndVersion)).containsExactly("derm-em");

        Bundle wrongVersion = client.search().forResource(ValueSet.class)
                .where(ValueSet.URL.matches().value(SystemUrls.CANONICAL_BASE + "/ValueSet/derm-em"))
                .and(ValueSet.VERSION.exactly().code("9.9.9")).returnBundle(Bundle.class).execute();
        assertThat(wrongVersion.getEntry()).isEmpty();

        Bundle maps = client.search().forResource(ConceptMap.class)
                .where(ConceptMap.URL.matches().value(SystemUrls.CANONICAL_BASE + "/ConceptMap/cpt-retired-replacements"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(maps)).containsExactly("cpt-retired-replacements");

        Bundle profiles = client.search().forResource(StructureDefinition.class)
                .where(StructureDefinition.URL.matches().value(SystemUrls.CANONICAL_BASE + "/StructureDefinition/derm-claim"))
                .returnBundle(Bundle.class).execute();
        assertThat(ids(profiles)).containsExactly("derm-claim");
    }

    @Test
    void summaryOmitsTheConcepts() {
        Bundle summary = client.search().forResource(CodeSystem.class)
                .where(CodeSystem.URL.matches().value(SystemUrls.CPT)).summaryMode(SummaryEnum.TRUE)
                .returnBundle(Bundle.class).execute();
        CodeSystem cs = (CodeSystem) summary.getEntryFirstRep().getResource();
        assertThat(cs.getUrl()).isEqualTo(SystemUrls.CPT);
        assertThat(cs.getVersion()).isEqualTo("2026");
        assertThat(cs.getConcept()).isEmpty();

        CodeSystem read = client.read().resource(CodeSystem.class).withId("cpt").summaryMode(SummaryEnum.TRUE).execute();
        assertThat(read.getUrl()).isEqualTo(SystemUrls.CPT);
        assertThat(read.getConcept()).isEmpty();

        ValueSet vs = client.read().resource(ValueSet.class).withId("derm-procedures").summaryMode(SummaryEnum.TRUE)
                .execute();
        assertThat(vs.hasCompose()).isFalse();
    }

    @Test
    void unknownIdIs404() {
        assertThatThrownBy(() -> client.read().resource(CodeSystem.class).withId("no-such-code-system").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.read().resource(ValueSet.class).withId("no-such-value-set").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.read().resource(ConceptMap.class).withId("nope").execute())
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.read().resource(StructureDefinition.class).withId("nope").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void searchWithoutParametersListsEverything() {
        Bundle all = client.search().forResource(ValueSet.class).returnBundle(Bundle.class).execute();
        assertThat(ids(all)).contains("derm-procedures", "derm-em", "dx-psoriasis");
        assertThat(all.getEntry()).extracting(e -> (Resource) e.getResource())
                .allSatisfy(r -> assertThat(r.fhirType()).isEqualTo("ValueSet"));
    }
}
