package org.dermcode.hardening;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Browser clients allowed to call the server (none by default: CORS is off). */
@ConfigurationProperties(prefix = "dermcode.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "OPTIONS"}) List<String> allowedMethods,
        @DefaultValue("3600") long maxAgeSeconds) {}
