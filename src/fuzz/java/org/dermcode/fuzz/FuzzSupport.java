package org.dermcode.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dermcode.DermcodeApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application context (no web server) shared by the fuzz tests, and the seed corpus. */
final class FuzzSupport {

    private static ConfigurableApplicationContext context;

    private FuzzSupport() {}

    static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = new SpringApplicationBuilder(DermcodeApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties("dermcode.validation.warm-up=false",
                            "dermcode.validation.profile-enabled=" + System.getProperty("fuzz.profile", "false"),
                            "logging.level.root=WARN", "logging.level.org.dermcode=WARN")
                    .run();
        }
        return context;
    }

    /**
     * Copies the example claims (and the shared corpus, when it is there) into the corpus folder
     * Jazzer uses for this test, so fuzzing starts from real claims. Nothing here is committed.
     */
    static void seedCorpus(Class<?> test, String method) {
        Path corpus = Path.of(".cifuzz-corpus", test.getName(), method);
        try {
            Files.createDirectories(corpus);
            for (Path source : new Path[] {Path.of("examples", "claims"), Path.of("..", "shared", "corpus", "claims")}) {
                if (!Files.isDirectory(source)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        Path target = corpus.resolve(source.getParent().getFileName() + "-" + file.getFileName());
                        if (!Files.exists(target)) {
                            Files.copy(file, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot seed " + corpus, e);
        }
    }
}
