package org.dermcode.hardening;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional bearer-token authentication (off by default). When enabled, Claim/$validate-claim needs
 * a JWT signed by a key of {@code jwkSetUri}, issued by {@code issuer}, for one of
 * {@code audiences}; terminology stays public unless {@code protectTerminology}.
 */
@ConfigurationProperties(prefix = "dermcode.security")
public record SecurityProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("false") boolean protectTerminology,
        String issuer,
        String jwkSetUri,
        @DefaultValue List<String> audiences) {}
