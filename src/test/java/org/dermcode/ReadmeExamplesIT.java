package org.dermcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code curl} example of the README against the test server (port substituted) and
 * requires success (curl {@code --fail-with-body}), so the examples stay true as printed.
 */
class ReadmeExamplesIT extends ServerIT {

    static List<String> curlCommands() throws Exception {
        List<String> commands = new ArrayList<>();
        boolean inBash = false;
        StringBuilder current = null;
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.startsWith("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            String trimmed = line.strip();
            if (current == null && trimmed.startsWith("curl ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = trimmed.endsWith("\\");
                current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
                if (!continues) {
                    commands.add(current.toString().strip());
                    current = null;
                }
            }
        }
        return commands;
    }

    @TestFactory
    Stream<DynamicTest> everyCurlExampleSucceeds() throws Exception {
        List<String> commands = curlCommands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(12);
        return commands.stream().map(command -> DynamicTest.dynamicTest(command, () -> {
            String local = command.replace("http://localhost:8080", "http://localhost:" + port);
            Process process = new ProcessBuilder("bash", "-c", local).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("resourceType");
        }));
    }
}
