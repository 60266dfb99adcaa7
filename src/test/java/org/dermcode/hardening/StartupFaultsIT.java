package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.dermcode.DermcodeApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application started on a broken copy of terminology/: it must not start (no
 * half-loaded server), and the failure must name the file and the reason.
 */
class StartupFaultsIT {

    @TempDir
    Path temp;

    private Path terminology;

    @BeforeEach
    void copyTerminology() throws IOException {
        terminology = Files.createDirectories(temp.resolve("terminology"));
        try (Stream<Path> files = Files.list(Path.of("terminology"))) {
            for (Path file : files.toList()) {
                Files.copy(file, terminology.resolve(file.getFileName()));
            }
        }
    }

    private Throwable startFails() {
        long start = System.nanoTime();
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> {
            // command-line arguments: they win over application.properties
            ConfigurableApplicationContext context = new SpringApplicationBuilder(DermcodeApplication.class)
                    .run("--server.port=0", "--dermcode.terminology-dir=" + terminology,
                            "--dermcode.validation.warm-up=false");
            context.close();
        }).satisfies(e -> failure[0] = e);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast").isLessThan(Duration.ofSeconds(60));
        // the loader's exception, somewhere in Spring's chain of bean creation failures
        for (Throwable t = failure[0]; t != null; t = t.getCause()) {
            if (t instanceof org.dermcode.terminology.TerminologyLoadException) {
                return t;
            }
        }
        throw new AssertionError("no TerminologyLoadException in the failure", failure[0]);
    }

    @Test
    void missingCodeSystemFile() throws IOException {
        for (String version : new String[] {"", "-2024", "-2025"}) {
            Files.delete(terminology.resolve("CodeSystem-hcpcs" + version + ".json"));
        }
        assertThat(startFails().getMessage()).contains("ValueSet-").contains("HCPCSReleaseCodeSets")
                .contains("which no file defines");
    }

    @Test
    void unreadableFile() throws IOException {
        // a folder where a file should be: unreadable even for root, who ignores file permissions
        Files.delete(terminology.resolve("ValueSet-derm-em.json"));
        Files.createDirectory(terminology.resolve("ValueSet-derm-em.json"));
        assertThat(startFails().getMessage()).contains("ValueSet-derm-em.json").contains("cannot read file");
    }

    @Test
    void brokenFile() throws IOException {
        Files.writeString(terminology.resolve("ValueSet-derm-em.json"), "{\"resourceType\":\"ValueSet\",");
        assertThat(startFails().getMessage()).contains("ValueSet-derm-em.json").contains("not a valid FHIR JSON");
    }

    @Test
    void inconsistentValueSet() throws IOException {
        Path file = terminology.resolve("ValueSet-derm-mohs.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"17311\"", "\"17399\""));
        assertThat(startFails().getMessage()).contains("ValueSet-derm-mohs.json").contains("17399")
                .contains("not in code system");
    }
}
