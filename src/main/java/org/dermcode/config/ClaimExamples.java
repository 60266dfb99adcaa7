package org.dermcode.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Example claims of {@code examples/claims} (packed into the jar under the same path) with their
 * title, description and expected rule ids from {@code manifest.json}: what Swagger UI offers for
 * {@code $validate-claim}.
 */
final class ClaimExamples {

    static final String FOLDER = "examples/claims/";

    private ClaimExamples() {}

    /** One example: its file, a key for the OpenAPI document, what it shows, and the Claim's JSON. */
    record ClaimExample(String file, String key, String title, String description, String json) {}

    /** The named files, in order; a name the manifest or the jar lacks stops start-up with its name. */
    static List<ClaimExample> load(List<String> files) {
        JsonNode manifest = parse(read("manifest.json"));
        List<ClaimExample> examples = new ArrayList<>();
        for (String file : files) {
            JsonNode entry = null;
            for (JsonNode candidate : manifest) {
                if (file.equals(candidate.path("file").asText())) {
                    entry = candidate;
                }
            }
            if (entry == null) {
                throw new IllegalStateException(FOLDER + "manifest.json has no entry for " + file);
            }
            List<String> rules = new ArrayList<>();
            entry.path("expected").forEach(expected -> rules.add(expected.path("rule").asText()));
            String title = (rules.isEmpty() ? "Clean: " : "Faulty: ") + entry.path("title").asText()
                    + (rules.isEmpty() ? " (no findings)" : " (expects " + String.join(", ", rules) + ")");
            String key = file.replaceFirst("\\.json$", "");
            examples.add(new ClaimExample(file, key, title, entry.path("description").asText(), read(file)));
        }
        return examples;
    }

    private static String read(String file) {
        try (InputStream in = ClaimExamples.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + file + " is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(FOLDER + file, e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(FOLDER + "manifest.json: " + e.getMessage(), e);
        }
    }
}
