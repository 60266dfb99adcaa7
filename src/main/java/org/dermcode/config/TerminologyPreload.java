package org.dermcode.config;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dermcode.terminology.TerminologyLoader;
import org.dermcode.terminology.TerminologyRepository;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads the terminology files (6 MB of CodeSystems and ValueSets) on a thread of its own from the
 * moment the application context is prepared, while Spring parses its configuration classes on
 * one core; they took a fifth of the main thread's start-up when {@code terminologyRepository}
 * read them itself. The bean takes the repository, waiting if it is not there yet; a load error
 * stops the start-up as before. (Reading HAPI's core StructureDefinitions there too, for the
 * validator's warm-up, was tried: readiness came 0.2 s sooner, the first answer 2 s later.)
 */
public final class TerminologyPreload {

    static final String BEAN_NAME = "terminologyPreload";

    private final CompletableFuture<TerminologyRepository> repository = new CompletableFuture<>();

    private TerminologyPreload() {
    }

    /** Starts reading the content folders of these settings on a daemon thread. */
    static TerminologyPreload start(DermcodeProperties properties) {
        TerminologyPreload preload = new TerminologyPreload();
        Thread thread = new Thread(() -> preload.load(properties), "terminology-preload");
        thread.setDaemon(true);
        thread.start();
        return preload;
    }

    private void load(DermcodeProperties properties) {
        try {
            repository.complete(new TerminologyLoader(FhirServerConfig.configuredContext())
                    .load(properties.terminologyDir(), properties.profilesDir()));
        } catch (Throwable e) {
            repository.completeExceptionally(e);
        }
    }

    /** The loaded repository; throws what the loader threw. */
    TerminologyRepository repository() {
        try {
            return repository.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Starts the preload when the context is prepared (registered in META-INF/spring.factories). */
    public static final class Starter implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            var beans = event.getApplicationContext().getBeanFactory();
            if (!beans.containsSingleton(BEAN_NAME)) {
                DermcodeProperties properties = Binder.get(event.getApplicationContext().getEnvironment())
                        .bindOrCreate("dermcode", DermcodeProperties.class);
                beans.registerSingleton(BEAN_NAME, start(properties));
            }
        }
    }
}
