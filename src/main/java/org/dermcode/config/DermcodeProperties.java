package org.dermcode.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code dermcode.*}. Paths are relative to the working directory, which is the
 * repository root for {@code mvn spring-boot:run} and the tests.
 */
@ConfigurationProperties(prefix = "dermcode")
public record DermcodeProperties(
        @DefaultValue("terminology") Path terminologyDir,
        @DefaultValue("profiles") Path profilesDir,
        @DefaultValue("rules") Path rulesDir,
        @DefaultValue Expansion expansion,
        @DefaultValue Validation validation,
        @DefaultValue Rules rules) {

    /** Paging and caching of {@code $expand}. */
    public record Expansion(
            @DefaultValue("100") int defaultCount,
            @DefaultValue("1000") int maxCount,
            @DefaultValue("2000") long cacheSize) {}

    /** Payer-dependent rule limits (see {@link org.dermcode.rules.RuleSettings}). */
    public record Rules(@DefaultValue("12") int timelyFilingMonths) {}

    /** Claim validation switches. */
    public record Validation(
            @DefaultValue("true") boolean profileEnabled,
            @DefaultValue("true") boolean warmUp) {}
}
