package org.dermcode.hardening;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown: Spring Boot marks readiness DOWN (REFUSING_TRAFFIC) as the context
 * starts closing; this keeps the server answering for {@code dermcode.shutdown.drain} more (0 by
 * default) so a load balancer polling readiness stops sending requests before the web server's
 * graceful shutdown closes the listening socket. It stops before that shutdown (a higher phase).
 */
@Component
class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;

    ShutdownDrain(@Value("${dermcode.shutdown.drain:0s}") Duration drain) {
        this.drain = drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        try {
            if (!drain.isZero() && !drain.isNegative()) {
                log.info("Readiness is DOWN; still serving for {} ms before the graceful shutdown", drain.toMillis());
                Thread.sleep(drain.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Above the web server's graceful shutdown (WebServerGracefulShutdownLifecycle, DEFAULT_PHASE - 1024). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
