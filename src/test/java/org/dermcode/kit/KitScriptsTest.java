package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts of the kit (Postman, the browser check, the benchmarks) start the server the way
 * the README recommends: with {@code -XX:-DontCompileHugeMethods}, so the profile validator's
 * huge methods are compiled (docs/performance.md).
 */
class KitScriptsTest {

    @Test
    void everyScriptThatStartsTheServerGivesTheJitFlag() throws IOException {
        List<String> starts = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String folder : List.of("postman", "ci", "bench", "deploy")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path script : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    for (String line : Files.readAllLines(script)) {
                        String code = line.strip();
                        // a java command that runs the server (the audit subcommand is not the server)
                        if (!code.startsWith("#") && code.matches(".*\\bjava\\b.*-jar .*") && !code.contains(" audit ")) {
                            starts.add(script + ": " + code);
                            if (!code.contains("-XX:-DontCompileHugeMethods")) {
                                without.add(script + ": " + code);
                            }
                        }
                    }
                }
            }
        }
        assertThat(starts).as("postman/run.sh, ci/browser-check.sh, bench scripts").hasSizeGreaterThanOrEqualTo(3);
        assertThat(without).isEmpty();
    }
}
