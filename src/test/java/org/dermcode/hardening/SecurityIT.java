package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.dermcode.ServerIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * dermcode.security.enabled=true: $validate-claim needs a bearer JWT from the configured issuer,
 * for the configured audience, signed by a key of the JWKS (served here by the test itself, from
 * a key pair generated here). Terminology stays public. Also CORS with an allowed origin.
 */
@TestPropertySource(properties = {"dermcode.security.enabled=true", "dermcode.security.issuer=" + SecurityIT.ISSUER,
    "dermcode.security.audiences=dermcode", "dermcode.validation.warm-up=false",
    "dermcode.validation.profile-enabled=false", "dermcode.cors.allowed-origins=https://billing.example.org"})
class SecurityIT extends ServerIT {

    static final String ISSUER = "https://idp.example.org/realms/derm";
    static final RSAKey KEY;
    static final RSAKey OTHER_KEY;
    static final HttpServer JWKS;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            OTHER_KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("dermcode.security.jwk-set-uri", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    static String token(RSAKey key, String issuer, String audience, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("clearinghouse-7")
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String valid() throws Exception {
        return token(KEY, ISSUER, "dermcode", Instant.now().plusSeconds(600));
    }

    private HttpResponse<String> validateClaim(String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(HostileInputIT.exampleClaim()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HostileInputIT.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isLessThan(500);
        return response;
    }

    private static void assertRefused(HttpResponse<String> response, String mentions) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        HostileInputIT.assertCleanOutcome(response, mentions);
    }

    @Test
    void noTokenIs401WithOperationOutcome() throws Exception {
        assertRefused(validateClaim(null), "authentication required");
    }

    @Test
    void wrongAudienceIs401() throws Exception {
        assertRefused(validateClaim(token(KEY, ISSUER, "someone-else", Instant.now().plusSeconds(600))), "aud");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        assertRefused(validateClaim(token(KEY, ISSUER, "dermcode", Instant.now().minusSeconds(600))), "expired");
    }

    @Test
    void wrongIssuerIs401() throws Exception {
        assertRefused(validateClaim(token(KEY, "https://evil.example.org", "dermcode", Instant.now().plusSeconds(600))),
                "iss");
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        assertRefused(validateClaim(token(OTHER_KEY, ISSUER, "dermcode", Instant.now().plusSeconds(600))), "not accepted");
    }

    @Test
    void garbageTokenIs401() throws Exception {
        assertRefused(validateClaim("not.a.jwt"), "not accepted");
    }

    @Test
    void validTokenIsServed() throws Exception {
        HttpResponse<String> response = validateClaim(valid());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("OperationOutcome");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void terminologyStaysPublic() throws Exception {
        HttpResponse<String> response = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        HttpResponse<String> metadata = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/metadata")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
    }

    @Test
    void corsPreflightFromAllowedOriginOnly() throws Exception {
        HttpResponse<String> allowed = preflight("https://billing.example.org");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://billing.example.org");
        HttpResponse<String> other = preflight("https://evil.example.org");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Claim/$validate-claim"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
