package org.dermcode.config;

import jakarta.annotation.PostConstruct;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dermcode.claim.ProfileValidator;
import org.hl7.fhir.r4.model.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Runs the profile validator's first, slow validation (loading and converting the core
 * definitions) on a background thread from the moment this bean exists, so that it overlaps the
 * rest of the start-up on a second core, and reports DOWN (readiness group) until it has
 * finished, so a load balancer sends no claims to a server whose validator is still loading.
 */
public class ValidatorWarmUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ValidatorWarmUp.class);

    private final ProfileValidator validator;
    private final Claim sample;
    private final boolean enabled;
    private final AtomicBoolean warm = new AtomicBoolean();

    ValidatorWarmUp(ProfileValidator validator, Claim sample, boolean enabled) {
        this.validator = validator;
        this.sample = sample;
        this.enabled = enabled;
        this.warm.set(!enabled);
    }

    @PostConstruct
    public void start() {
        if (!enabled) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                validator.warmUp(sample);
            } catch (RuntimeException e) {
                log.error("Profile validator warm-up failed", e);
            } finally {
                warm.set(true);
            }
        }, "validator-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isWarm() {
        return warm.get();
    }

    @Override
    public Health health() {
        return warm.get() ? Health.up().build() : Health.down().withDetail("validator", "warming up").build();
    }
}
