package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader accepts the committed folders and refuses every kind of broken file, naming the file and the reason. */
class TerminologyLoaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Path REAL_TERMINOLOGY = Path.of("terminology");
    private static final Path REAL_PROFILES = Path.of("profiles");

    @TempDir
    Path temp;

    private Path terminology;
    private Path profiles;

    @BeforeEach
    void copyRealFolders() throws IOException {
        terminology = copy(REAL_TERMINOLOGY, temp.resolve("terminology"));
        profiles = copy(REAL_PROFILES, temp.resolve("profiles"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private TerminologyRepository load() {
        return new TerminologyLoader(FHIR).load(terminology, profiles);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(terminology.resolve(name), text, StandardCharsets.UTF_8);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails() {
        return assertThatThrownBy(this::load).isInstanceOf(TerminologyLoadException.class);
    }

    /** A small valid CodeSystem; {@code concepts} is the JSON of its concept array. */
    private static String codeSystem(String id, String url, String properties, String concepts) {
        return """
                {
                  "resourceType": "CodeSystem",
                  "id": "%s",
                  "url": "%s",
                  "version": "1",
                  "status": "active",
                  "content": "complete",
                  "property": [%s],
                  "concept": [%s]
                }
                """.formatted(id, url, properties, concepts);
    }

    private static final String PARENT_PROPERTY =
            "{\"code\": \"parent\", \"uri\": \"http://hl7.org/fhir/concept-properties#parent\", \"type\": \"code\"}";

    // ------------------------------------------------------------------ the real content

    @Test
    void committedFoldersLoad() {
        TerminologyRepository repository = new TerminologyLoader(FHIR).load(REAL_TERMINOLOGY, REAL_PROFILES);

        assertThat(repository.all(CodeSystem.class)).extracting(cs -> cs.getIdElement().getIdPart())
                .containsExactly("claim-rule", "cpt", "cpt-2024", "cpt-2025", "hcpcs", "hcpcs-2024", "hcpcs-2025",
                        "icd-10-cm", "icd-10-cm-2024", "icd-10-cm-2025", "icd-10-cm-2026", "place-of-service");
        // one url, one version per year; without a version the newest answers
        assertThat(repository.codeSystem(SystemUrls.CPT).orElseThrow().version()).isEqualTo("2026");
        assertThat(repository.codeSystem(SystemUrls.ICD10CM).orElseThrow().version()).isEqualTo("2027");
        assertThat(repository.all(ValueSet.class)).hasSize(37);
        assertThat(repository.all(ConceptMap.class)).hasSize(1);
        assertThat(repository.all(StructureDefinition.class)).hasSize(1);
        CodeSystemIndex cpt = repository.codeSystem(SystemUrls.CPT, "2024").orElseThrow();
        assertThat(cpt.find("17311")).isPresent();
        assertThat(cpt.size()).isEqualTo(cpt.codeSystem().getCount());
        assertThat(repository.codeSystem("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets")).isPresent();
        assertThat(repository.valueSet("http://dermcode.org/fhir/ValueSet/derm-mohs", null)).isPresent();
        assertThat(repository.conceptMap("http://dermcode.org/fhir/ConceptMap/cpt-retired-replacements", null))
                .isPresent();
    }

    @Test
    void copiesOfTheCommittedFoldersLoadTheSame() {
        TerminologyRepository repository = load();
        assertThat(repository.all(CodeSystem.class)).hasSize(12);
        assertThat(repository.all(ValueSet.class)).hasSize(37);
        assertThat(repository.all(ConceptMap.class)).hasSize(1);
    }

    @Test
    void packageJsonAndHiddenFilesAreIgnored() throws IOException {
        write("package.json", "{\"name\": \"not a resource\"}");
        write(".scratch.json", "not even JSON");
        assertThat(load().all(CodeSystem.class)).hasSize(12);
    }

    @Test
    void profilesFolderIsOptional() {
        TerminologyRepository repository = new TerminologyLoader(FHIR).load(terminology, null);
        assertThat(repository.all(StructureDefinition.class)).isEmpty();
    }

    // ------------------------------------------------------------------ folders

    @Test
    void missingFolder() {
        terminology = temp.resolve("no-such-folder");
        assertLoadFails().hasMessageContaining("no-such-folder").hasMessageContaining("folder not found");
    }

    @Test
    void missingProfilesFolder() {
        profiles = temp.resolve("no-profiles-here");
        assertLoadFails().hasMessageContaining("no-profiles-here").hasMessageContaining("folder not found");
    }

    @Test
    void emptyFolder() throws IOException {
        terminology = Files.createDirectories(temp.resolve("empty-terminology"));
        assertLoadFails().hasMessageContaining("empty-terminology").hasMessageContaining("no FHIR JSON files");
    }

    // ------------------------------------------------------------------ unreadable or unparsable files

    @Test
    void unreadableFile() throws IOException {
        Path file = write("CodeSystem-locked.json", codeSystem("locked", "http://example.org/locked", "", ""));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "the file is still readable (running as root)");
        assertLoadFails().hasMessageContaining("CodeSystem-locked.json").hasMessageContaining("cannot read file");
    }

    @Test
    void brokenJson() throws IOException {
        write("CodeSystem-broken.json", "{\"resourceType\": \"CodeSystem\", \"id\": \"broken\", ");
        assertLoadFails().hasMessageContaining("CodeSystem-broken.json")
                .hasMessageContaining("not a valid FHIR JSON resource");
    }

    @Test
    void emptyFile() throws IOException {
        write("CodeSystem-empty.json", "");
        assertLoadFails().hasMessageContaining("CodeSystem-empty.json")
                .hasMessageContaining("not a valid FHIR JSON resource");
    }

    @Test
    void jsonWithoutResourceType() throws IOException {
        write("notes.json", "{\"hello\": \"world\"}");
        assertLoadFails().hasMessageContaining("notes.json").hasMessageContaining("not a valid FHIR JSON resource");
    }

    @Test
    void unknownElementIsRefusedByTheStrictParser() throws IOException {
        write("CodeSystem-colour.json", """
                {
                  "resourceType": "CodeSystem",
                  "id": "colour",
                  "url": "http://example.org/colour",
                  "status": "active",
                  "content": "complete",
                  "colour": "blue"
                }
                """);
        assertLoadFails().hasMessageContaining("CodeSystem-colour.json")
                .hasMessageContaining("not a valid FHIR JSON resource").hasMessageContaining("colour");
    }

    @Test
    void invalidCodeValueIsRefusedByTheStrictParser() throws IOException {
        write("CodeSystem-bad-status.json", """
                {"resourceType": "CodeSystem", "id": "bad-status", "url": "http://example.org/bad-status",
                 "status": "sort-of", "content": "complete"}
                """);
        assertLoadFails().hasMessageContaining("CodeSystem-bad-status.json").hasMessageContaining("sort-of");
    }

    // ------------------------------------------------------------------ wrong resources

    @Test
    void unexpectedResourceType() throws IOException {
        write("Patient-someone.json", "{\"resourceType\": \"Patient\", \"id\": \"someone\", \"active\": true}");
        assertLoadFails().hasMessageContaining("Patient-someone.json")
                .hasMessageContaining("unexpected resource type Patient");
    }

    @Test
    void conceptMapIsNotAProfile() throws IOException {
        Files.copy(REAL_TERMINOLOGY.resolve("ConceptMap-cpt-retired-replacements.json"),
                profiles.resolve("ConceptMap-in-profiles.json"));
        assertLoadFails().hasMessageContaining("ConceptMap-in-profiles.json")
                .hasMessageContaining("unexpected resource type ConceptMap");
    }

    @Test
    void resourceWithoutId() throws IOException {
        write("CodeSystem-anonymous.json", """
                {"resourceType": "CodeSystem", "url": "http://example.org/anonymous", "status": "active",
                 "content": "complete"}
                """);
        assertLoadFails().hasMessageContaining("CodeSystem-anonymous.json").hasMessageContaining("has no id");
    }

    @Test
    void resourceWithoutUrl() throws IOException {
        write("ValueSet-nowhere.json", "{\"resourceType\": \"ValueSet\", \"id\": \"nowhere\", \"status\": \"active\"}");
        assertLoadFails().hasMessageContaining("ValueSet-nowhere.json").hasMessageContaining("has no url");
    }

    // ------------------------------------------------------------------ duplicates

    @Test
    void sameUrlAndVersionTwice() throws IOException {
        String text = Files.readString(REAL_TERMINOLOGY.resolve("CodeSystem-hcpcs.json"));
        write("CodeSystem-hcpcs-again.json", text.replaceFirst("\"id\": \"hcpcs\"", "\"id\": \"hcpcs-again\""));
        assertLoadFails().hasMessageContaining("CodeSystem-hcpcs-again.json")
                .hasMessageContaining("CodeSystem-hcpcs.json")
                .hasMessageContaining(SystemUrls.HCPCS)
                .hasMessageContaining("is already defined");
    }

    @Test
    void sameUrlSpelledWithHttpIsStillADuplicate() throws IOException {
        String text = Files.readString(REAL_TERMINOLOGY.resolve("CodeSystem-hcpcs.json"));
        write("CodeSystem-zz-hcpcs-http.json", text.replaceFirst("\"id\": \"hcpcs\"", "\"id\": \"hcpcs-http\"")
                .replace("\"url\": \"https://www.cms.gov", "\"url\": \"http://www.cms.gov"));
        assertLoadFails().hasMessageContaining("CodeSystem-zz-hcpcs-http.json")
                .hasMessageContaining("CodeSystem-hcpcs.json").hasMessageContaining("is already defined");
    }

    @Test
    void sameValueSetUrlAndVersionTwice() throws IOException {
        String text = Files.readString(REAL_TERMINOLOGY.resolve("ValueSet-derm-mohs.json"));
        write("ValueSet-derm-mohs-copy.json", text.replaceFirst("\"id\": \"derm-mohs\"", "\"id\": \"derm-mohs-copy\""));
        assertLoadFails().hasMessageContaining("ValueSet-derm-mohs-copy.json")
                .hasMessageContaining("ValueSet-derm-mohs.json")
                .hasMessageContaining("is already defined");
    }

    @Test
    void sameUrlWithAnotherVersionIsFine() throws IOException {
        String text = Files.readString(REAL_TERMINOLOGY.resolve("ValueSet-derm-mohs.json"));
        write("ValueSet-derm-mohs-v2.json", text.replaceFirst("\"id\": \"derm-mohs\"", "\"id\": \"derm-mohs-v2\"")
                .replaceFirst("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\""));
        TerminologyRepository repository = load();
        assertThat(repository.valueSet("http://dermcode.org/fhir/ValueSet/derm-mohs", "2.0.0")).isPresent();
        assertThat(repository.valueSet("http://dermcode.org/fhir/ValueSet/derm-mohs", "1.0.0")).isPresent();
    }

    @Test
    void sameIdTwice() throws IOException {
        write("CodeSystem-one.json", codeSystem("twin", "http://example.org/one", "", "{\"code\": \"a\"}"));
        write("CodeSystem-two.json", codeSystem("twin", "http://example.org/two", "", "{\"code\": \"b\"}"));
        assertLoadFails().hasMessageContaining("CodeSystem-two.json").hasMessageContaining("CodeSystem-one.json")
                .hasMessageContaining("CodeSystem/twin is already defined");
    }

    @Test
    void sameIdAsACommittedResource() throws IOException {
        write("CodeSystem-my-cpt.json", codeSystem("cpt", "http://example.org/my-cpt", "", "{\"code\": \"a\"}"));
        assertLoadFails().hasMessageContaining("CodeSystem-my-cpt.json").hasMessageContaining("CodeSystem-cpt.json")
                .hasMessageContaining("CodeSystem/cpt is already defined");
    }

    // ------------------------------------------------------------------ CodeSystem content

    @Test
    void undeclaredProperty() throws IOException {
        write("CodeSystem-undeclared.json", codeSystem("undeclared", "http://example.org/undeclared", PARENT_PROPERTY,
                "{\"code\": \"a\", \"property\": [{\"code\": \"colour\", \"valueCode\": \"blue\"}]}"));
        assertLoadFails().hasMessageContaining("CodeSystem-undeclared.json").hasMessageContaining("concept a")
                .hasMessageContaining("'colour'").hasMessageContaining("does not declare");
    }

    @Test
    void duplicateConceptCode() throws IOException {
        write("CodeSystem-twice.json", codeSystem("twice", "http://example.org/twice", "",
                "{\"code\": \"a\", \"concept\": [{\"code\": \"b\"}]}, {\"code\": \"b\"}"));
        assertLoadFails().hasMessageContaining("CodeSystem-twice.json").hasMessageContaining("concept b")
                .hasMessageContaining("defined twice");
    }

    @Test
    void conceptWithoutCode() throws IOException {
        write("CodeSystem-nameless.json", codeSystem("nameless", "http://example.org/nameless", "",
                "{\"display\": \"no code\"}"));
        assertLoadFails().hasMessageContaining("CodeSystem-nameless.json").hasMessageContaining("has no code");
    }

    @Test
    void parentPropertyNamingAnUnknownCode() throws IOException {
        write("CodeSystem-orphan.json", codeSystem("orphan", "http://example.org/orphan", PARENT_PROPERTY,
                "{\"code\": \"a\"}, {\"code\": \"b\", \"property\": [{\"code\": \"parent\", \"valueCode\": \"zz\"}]}"));
        assertLoadFails().hasMessageContaining("CodeSystem-orphan.json").hasMessageContaining("concept b")
                .hasMessageContaining("parent 'zz'").hasMessageContaining("not in the CodeSystem");
    }

    @Test
    void parentPropertyBuildsTheHierarchy() throws IOException {
        write("CodeSystem-family.json", codeSystem("family", "http://example.org/family", PARENT_PROPERTY,
                "{\"code\": \"a\"}, {\"code\": \"b\", \"property\": [{\"code\": \"parent\", \"valueCode\": \"a\"}]}"));
        CodeSystemIndex index = load().codeSystem("http://example.org/family").orElseThrow();
        assertThat(index.subsumes("a", "b")).isTrue();
        assertThat(index.subsumes("b", "a")).isFalse();
        assertThat(index.concepts()).extracting(Concept::code).containsExactly("a", "b");
    }
}
