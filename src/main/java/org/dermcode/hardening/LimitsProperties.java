package org.dermcode.hardening;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one request may carry, checked before the body is parsed ({@code maxBodyBytes})
 * or before the claim rules run (the rest). See README, "Limits".
 */
@ConfigurationProperties(prefix = "dermcode.limits")
public record LimitsProperties(
        @DefaultValue("2MB") DataSize maxBodyBytes,
        @DefaultValue("200") int maxClaimItems,
        @DefaultValue("20") int maxModifiersPerItem,
        @DefaultValue("100") int maxClaimDiagnoses,
        @DefaultValue("65536") int maxStringLength) {}
