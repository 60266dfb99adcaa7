package org.dermcode.config;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.dermcode.claim.ClaimLimits;
import org.dermcode.claim.ClaimValidationService;
import org.dermcode.claim.ClaimViewFactory;
import org.dermcode.claim.ProfileValidator;
import org.dermcode.claim.ValidateClaimProvider;
import org.dermcode.hardening.LimitsProperties;
import org.dermcode.rules.Finding;
import org.dermcode.rules.RuleCatalog;
import org.dermcode.rules.RuleEngine;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.DermcodeValidationSupport;
import org.dermcode.terminology.TerminologyRepository;
import org.hl7.fhir.r4.model.Claim;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** Claim validation: the profile validator (built once), the service, the provider and its metrics. */
@Configuration
public class ClaimConfig {

    static final String WARM_UP_CLAIM = "warm-up-claim.json";

    @Bean
    public DermcodeValidationSupport dermcodeValidationSupport(FhirContext fhirContext,
            TerminologyRepository repository, CodeValidationService validation) {
        return new DermcodeValidationSupport(fhirContext, repository, validation);
    }

    @Bean
    public ProfileValidator profileValidator(FhirContext fhirContext, DermcodeValidationSupport support,
            RuleCatalog catalog, MeterRegistry meters) {
        ProfileValidator validator = new ProfileValidator(fhirContext, support, catalog);
        // claims the element-model builder could not take go the (three times slower) JSON route
        FunctionCounter.builder("dermcode.profile.json.fallbacks", validator, ProfileValidator::jsonFallbacks)
                .description("Claims profile-validated through the JSON route instead of the element model")
                .register(meters);
        return validator;
    }

    @Bean
    public ClaimValidationService claimValidationService(ClaimViewFactory views, RuleEngine engine,
            ProfileValidator profileValidator, DermcodeProperties properties, MeterRegistry meters,
            LimitsProperties limits) {
        return new ClaimValidationService(views, engine,
                properties.validation().profileEnabled() ? profileValidator : null,
                findings -> {
                    for (Finding finding : findings) {
                        Counter.builder("dermcode.claim.findings")
                                .description("Findings of Claim/$validate-claim by rule id and severity")
                                .tag("rule", finding.ruleId())
                                .tag("severity", finding.severity().toCode())
                                .register(meters)
                                .increment();
                    }
                }, new ClaimLimits(limits.maxClaimItems(), limits.maxModifiersPerItem(), limits.maxClaimDiagnoses(),
                        limits.maxStringLength(), limits.maxBatchClaims(), limits.maxBatchItems()));
    }

    @Bean
    public ValidateClaimProvider validateClaimProvider(ClaimValidationService service) {
        return new ValidateClaimProvider(service);
    }

    @Bean
    public ValidatorWarmUp validatorWarmUp(ProfileValidator profileValidator, FhirContext fhirContext,
            DermcodeProperties properties) {
        Claim sample;
        try (InputStream in = new ClassPathResource(WARM_UP_CLAIM).getInputStream()) {
            sample = fhirContext.newJsonParser().parseResource(Claim.class, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + WARM_UP_CLAIM, e);
        }
        return new ValidatorWarmUp(profileValidator, sample, properties.validation().warmUp());
    }
}
