package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dermcode.DermcodeApplication;
import org.dermcode.config.ValidatorWarmUp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Readiness and graceful shutdown, on an application of its own: readiness is DOWN (503) while the
 * profile validator warms up and UP after; when the context closes (as on SIGTERM) readiness is
 * DOWN at once while the server still answers (dermcode.shutdown.drain), and a request in flight
 * (server.shutdown=graceful) still gets its whole answer. bench/shutdown.sh shows the same on the jar.
 */
class LifecycleIT {

    static final CountDownLatch ENTERED = new CountDownLatch(1);

    /** Test only: a servlet that takes 3 s to answer. */
    @Configuration
    static class SlowServletConfig {
        @Bean
        ServletRegistrationBean<HttpServlet> slowServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    ENTERED.countDown();
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    response.setContentType("text/plain");
                    response.getWriter().write("slow answer complete");
                }
            }, "/test/slow");
        }
    }

    @Test
    void readinessWaitsForWarmUpAndShutdownLetsInFlightRequestsFinish() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DermcodeApplication.class,
                SlowServletConfig.class).run("--server.port=0", "--dermcode.shutdown.drain=2s");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
            ValidatorWarmUp warmUp = context.getBean(ValidatorWarmUp.class);
            assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("validatorWarmUp")).isTrue();
            // the warm-up takes seconds; right after start it cannot be done
            int first = http.send(HttpRequest.newBuilder(readiness).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            if (!warmUp.isWarm()) {
                assertThat(first).isEqualTo(503);
                assertThat(warmUp.health().getStatus().getCode()).isEqualTo("DOWN");
            }
            for (int i = 0; i < 1200 && !warmUp.isWarm(); i++) {
                Thread.sleep(100);
            }
            assertThat(warmUp.isWarm()).isTrue();
            assertThat(http.send(HttpRequest.newBuilder(readiness).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);

            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/test/slow")).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();
            long closing = System.nanoTime();
            CompletableFuture<Void> close = CompletableFuture.runAsync(context::close);
            // readiness goes DOWN first, while the server still answers (the drain)
            int readinessWhileClosing = 0;
            for (int i = 0; i < 100 && readinessWhileClosing != 503; i++) {
                readinessWhileClosing = http.send(HttpRequest.newBuilder(readiness).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            assertThat(readinessWhileClosing).isEqualTo(503);
            assertThat(inFlight).isNotDone();
            close.get(30, TimeUnit.SECONDS);
            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow answer complete");
            // close() waited for the request instead of cutting it off
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            context.close();
        }
    }
}
