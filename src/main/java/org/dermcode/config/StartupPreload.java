package org.dermcode.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dermcode.terminology.TerminologyLoader;
import org.dermcode.terminology.TerminologyRepository;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads what the start-up needs from files on a thread of its own from the moment the application
 * context is prepared, while Spring parses its configuration classes on one core:
 * <ol>
 *   <li>the terminology files (6 MB of CodeSystems and ValueSets), which took a fifth of the main
 *       thread's start-up when {@code terminologyRepository} read them itself;</li>
 *   <li>then HAPI's bundled R4 StructureDefinitions (HAPI keeps them once per FHIR version), the
 *       larger half of the profile validator's warm-up.</li>
 * </ol>
 * {@code terminologyRepository} takes the repository, waiting if it is not there yet; a load error
 * stops the start-up as before. The validator's warm-up waits for the definitions.
 */
public final class StartupPreload {

    static final String BEAN_NAME = "startupPreload";

    private final CompletableFuture<TerminologyRepository> repository = new CompletableFuture<>();
    private final CompletableFuture<Void> coreDefinitions = new CompletableFuture<>();

    private StartupPreload() {
    }

    /** Starts reading the content folders of these settings, then the core definitions, on a daemon thread. */
    static StartupPreload start(DermcodeProperties properties) {
        StartupPreload preload = new StartupPreload();
        Thread thread = new Thread(() -> preload.load(properties), "startup-preload");
        thread.setDaemon(true);
        thread.start();
        return preload;
    }

    private void load(DermcodeProperties properties) {
        FhirContext context = FhirServerConfig.configuredContext();
        try {
            repository.complete(new TerminologyLoader(context)
                    .load(properties.terminologyDir(), properties.profilesDir()));
        } catch (Throwable e) {
            repository.completeExceptionally(e);
        }
        try {
            new DefaultProfileValidationSupport(context).fetchAllStructureDefinitions();
            coreDefinitions.complete(null);
        } catch (Throwable e) {
            // the validator loads them itself when it needs them
            coreDefinitions.completeExceptionally(e);
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

    /** Waits until HAPI's core definitions are read (or their reading failed). */
    void awaitCoreDefinitions() {
        coreDefinitions.exceptionally(e -> null).join();
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
