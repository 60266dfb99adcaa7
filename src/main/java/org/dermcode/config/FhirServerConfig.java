package org.dermcode.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.dermcode.hardening.PhiSafeParserErrorHandler;
import org.dermcode.hardening.RequestBodyGuard;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.claim.ProfileValidator;
import org.dermcode.http.CompactJsonResponseWriter;
import org.dermcode.terminology.CodeSystemProvider;
import org.dermcode.terminology.CoreTerminology;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.ConceptMapProvider;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.LookupService;
import org.dermcode.terminology.ReleaseVersions;
import org.dermcode.terminology.StructureDefinitionProvider;
import org.dermcode.terminology.SubsumptionService;
import org.dermcode.terminology.TerminologyCapabilitiesInterceptor;
import org.dermcode.terminology.TerminologyLoader;
import org.dermcode.terminology.TerminologyRepository;
import org.dermcode.terminology.TranslationService;
import org.dermcode.terminology.TxEngine;
import org.dermcode.terminology.TxOperations;
import org.dermcode.terminology.VersionsProvider;
import org.dermcode.terminology.ValueSetProvider;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one place that builds the FHIR server: content, services, providers and interceptors. */
@Configuration
public class FhirServerConfig {

    static final String VERSION = "0.1.0";

    @Bean
    public FhirContext fhirContext() {
        return configuredContext();
    }

    /** The R4 context of the server, set up once (it is HAPI's shared cached instance). */
    static FhirContext configuredContext() {
        FhirContext context = FhirContext.forR4Cached();
        // parse warnings quote the offending values, which can be PHI: log without them
        context.setParserErrorHandler(new PhiSafeParserErrorHandler());
        // Our answers never reference id-less resource objects, so the encoder's search for
        // references to contain (a walk over the whole resource) is skipped: a fifth of $lookup's CPU.
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    /** Read by {@link TerminologyPreload} since the context was prepared, else here. */
    @Bean
    public TerminologyRepository terminologyRepository(FhirContext fhirContext, DermcodeProperties properties,
            ObjectProvider<TerminologyPreload> preload) {
        TerminologyPreload started = preload.getIfAvailable();
        return started != null ? started.repository()
                : new TerminologyLoader(fhirContext).load(properties.terminologyDir(), properties.profilesDir());
    }

    @Bean
    public ExpansionService expansionService(TerminologyRepository repository, Knowledge knowledge,
            DermcodeProperties properties) {
        return new ExpansionService(repository, properties.expansion().cacheSize(), new ReleaseVersions(knowledge));
    }

    @Bean
    public LookupService lookupService(TerminologyRepository repository, Knowledge knowledge,
            DermcodeProperties properties) {
        return new LookupService(repository, knowledge, properties.expansion().cacheSize());
    }

    /** Hit and miss counts of the terminology caches on /actuator/metrics and /actuator/prometheus. */
    @Bean
    public MeterBinder terminologyCacheMetrics(ExpansionService expansions, LookupService lookups) {
        return meters -> {
            CaffeineCacheMetrics.monitor(meters, expansions.cache(), "expansions");
            CaffeineCacheMetrics.monitor(meters, lookups.cache(), "lookups");
        };
    }

    @Bean
    public CodeValidationService codeValidationService(ExpansionService expansionService) {
        return new CodeValidationService(expansionService);
    }

    @Bean
    public VersionsProvider versionsProvider() {
        return new VersionsProvider();
    }

    @Bean
    public TxOperations txOperations(TerminologyRepository repository, ProfileValidator profileValidator) {
        // the FHIR core code systems and value sets: HAPI's bundled definitions, the instance the
        // profile validator holds (loaded once, by its warm-up), looked up only when a request names one
        return new TxOperations(new TxEngine(repository, new CoreTerminology(profileValidator.coreDefinitions())),
                repository);
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhirContext, TerminologyRepository repository,
            ExpansionService expansionService, CodeValidationService codeValidationService, LookupService lookupService,
            TxOperations tx, DermcodeProperties properties, ObjectProvider<FhirPlainProvider> plainProviders,
            ObjectProvider<FhirServerCustomizer> customizers) {
        RestfulServer server = new QuietRestfulServer(fhirContext);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setResourceProviders(
                new CodeSystemProvider(repository, lookupService, codeValidationService, new SubsumptionService(), tx),
                new ValueSetProvider(repository, expansionService, codeValidationService, properties.expansion(), tx),
                new ConceptMapProvider(repository, new TranslationService()),
                new StructureDefinitionProvider(repository));
        plainProviders.orderedStream().forEach(server::registerProvider);
        server.registerInterceptor(new CapabilityStatementCustomizer(VERSION));
        server.registerInterceptor(new TerminologyCapabilitiesInterceptor(repository, VERSION));
        server.registerInterceptor(new SafeErrorInterceptor());
        server.registerInterceptor(new RequestBodyGuard());
        server.registerInterceptor(new StrictHandlingInterceptor());
        // plain Parameters answers ($lookup, $validate-code...) as compact JSON without HAPI's parser
        server.registerInterceptor(new CompactJsonResponseWriter());
        customizers.orderedStream().forEach(customizer -> customizer.customize(server));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
