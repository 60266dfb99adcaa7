package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FHIR NPM package that {@code mvn package} writes to target/: its layout, and an offline
 * validator (no server, no network) built from it with HAPI's NpmPackageValidationSupport.
 */
class FhirPackageIT {

    private static final String PROFILE = "http://dermcode.org/fhir/StructureDefinition/derm-claim";
    private static final Path EXAMPLES = Path.of("examples", "claims");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path tarball;
    private static FhirContext ctx;
    private static FhirValidator validator;

    @BeforeAll
    static void loadThePackage() throws IOException {
        JsonNode manifest = JSON.readTree(Path.of("profiles", "package.json").toFile());
        tarball = Path.of("target", manifest.get("name").asText() + "-" + manifest.get("version").asText() + ".tgz");
        assertThat(tarball).as("run mvn package first").exists();

        // loadPackageFromClasspath reads from the classpath: put a copy in target/test-classes
        Path onClasspath = Path.of("target", "test-classes", "fhir-package", "dermcode.fhir.derm.tgz");
        Files.createDirectories(onClasspath.getParent());
        Files.copy(tarball, onClasspath, StandardCopyOption.REPLACE_EXISTING);

        ctx = FhirContext.forR4();
        NpmPackageValidationSupport npm = new NpmPackageValidationSupport(ctx);
        npm.loadPackageFromClasspath("classpath:fhir-package/dermcode.fhir.derm.tgz");
        ValidationSupportChain chain = new ValidationSupportChain(
                npm,
                new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    @Test
    void packageHasTheManifestTheIndexAndEveryResource() throws IOException {
        NpmPackage pkg;
        try (InputStream in = Files.newInputStream(tarball)) {
            pkg = NpmPackage.fromPackage(in);
        }
        assertThat(pkg.name()).isEqualTo("dermcode.fhir.derm");
        assertThat(pkg.fhirVersion()).isEqualTo("4.0.1");
        assertThat(pkg.canonical()).isEqualTo("http://dermcode.org/fhir");

        Set<String> expected = new HashSet<>();
        for (String dir : List.of("profiles", "terminology")) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir), "*.json")) {
                files.forEach(f -> expected.add(f.getFileName().toString()));
            }
        }
        expected.remove("package.json");
        assertThat(pkg.getFolders().get("package").listFiles()).containsAll(expected);

        JsonNode index = JSON.readTree(pkg.load("package", ".index.json"));
        assertThat(index.get("index-version").asInt()).isEqualTo(1);
        assertThat(index.get("files")).hasSize(expected.size());
        assertThat(index.get("files")).anySatisfy(f -> {
            assertThat(f.get("filename").asText()).isEqualTo("StructureDefinition-derm-claim.json");
            assertThat(f.get("url").asText()).isEqualTo(PROFILE);
            assertThat(f.get("kind").asText()).isEqualTo("resource");
            assertThat(f.get("type").asText()).isEqualTo("Claim");
        });
        assertThat(pkg.getTypes().get("CodeSystem")).contains("CodeSystem-cpt.json");
    }

    private static ValidationResult validate(String file) throws IOException {
        Claim claim = ctx.newJsonParser().parseResource(Claim.class, Files.readString(EXAMPLES.resolve(file)));
        claim.getMeta().addProfile(PROFILE);
        return validator.validateWithResult(claim);
    }

    private static List<SingleValidationMessage> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    }

    private static String describe(ValidationResult result) {
        StringBuilder text = new StringBuilder();
        result.getMessages().forEach(m -> text.append('\n').append(m.getSeverity()).append(' ')
                .append(m.getLocationString()).append(": ").append(m.getMessage()));
        return text.toString();
    }

    @Test
    void cleanClaimHasNoErrorsOffline() throws IOException {
        for (String file : List.of("01-clean-em-with-biopsy.json", "03-clean-mohs-nose.json",
                "05-clean-pdt-ak.json")) {
            ValidationResult result = validate(file);
            assertThat(errors(result)).as(file + describe(result)).isEmpty();
        }
    }

    @Test
    void fiveModifiersBreakTheProfile() throws IOException {
        ValidationResult result = validate("34-five-modifiers.json");
        assertThat(errors(result)).as(describe(result)).anySatisfy(m -> {
            assertThat(m.getLocationString()).startsWith("Claim.item[0]");
            assertThat(m.getMessage()).contains("modifier");
        });
    }
}
