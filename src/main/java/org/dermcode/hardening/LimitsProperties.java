package org.dermcode.hardening;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one request may carry, checked before the body is parsed ({@code maxBodyBytes})
 * or before the claim rules run (the rest). See README, "Limits". Chosen so that the worst request
 * inside them costs well under 2 s of CPU and 64 MB of allocation (bench/cost.sh, docs/reliability.md).
 */
@ConfigurationProperties(prefix = "dermcode.limits")
public record LimitsProperties(
        @DefaultValue("1MB") DataSize maxBodyBytes,
        @DefaultValue("50") int maxClaimItems,
        @DefaultValue("5") int maxModifiersPerItem,
        @DefaultValue("25") int maxClaimDiagnoses,
        @DefaultValue("65536") int maxStringLength,
        @DefaultValue("10") int maxBatchClaims,
        @DefaultValue("80") int maxBatchItems) {}
