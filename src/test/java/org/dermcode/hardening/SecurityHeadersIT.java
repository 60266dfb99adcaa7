package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dermcode.ServerIT;
import org.junit.jupiter.api.Test;

/** Security headers on every response; with security off (the default) no authentication at all. */
class SecurityHeadersIT extends ServerIT {

    private HttpResponse<String> get(String path) throws Exception {
        return HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void terminologyAnswersAndErrorsCarryTheHeaders() throws Exception {
        HttpResponse<String> lookup = get("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102");
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertSecurityHeaders(lookup);
        assertThat(lookup.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeadersFilter.API_CSP);
        assertSecurityHeaders(get("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt"));
        assertSecurityHeaders(get("/actuator/health"));
        assertSecurityHeaders(get("/no-such-page"));
    }

    @Test
    void validateClaimIsNeverCachedAndNeedsNoTokenWhenSecurityIsOff() throws Exception {
        HttpResponse<String> response = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/Claim/$validate-claim")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(HostileInputIT.exampleClaim())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void noLoginPageAndNoBasicAuthWhenSecurityIsOff() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(404);
        assertThat(login.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get("/fhir/metadata").statusCode()).isEqualTo(200);
    }

    @Test
    void swaggerUiPagesMayRunTheirOwnScripts() throws Exception {
        HttpResponse<String> response = get("/fhir/swagger-ui/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeadersFilter.UI_CSP);
        assertThat(SecurityHeadersFilter.UI_CSP).contains("script-src 'self'", "style-src 'self'");
    }

    @Test
    void theHighlightedPageABrowserGetsMayApplyItsOwnStyleAndScriptByHashOnly() throws Exception {
        HttpResponse<String> page = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertSecurityHeaders(page);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String style = between(page.body(), "<style>", "</style>");
        String script = between(page.body(), "<script type=\"text/javascript\">", "</script>");
        assertThat(csp).startsWith(SecurityHeadersFilter.API_CSP)
                .contains("style-src " + HighlightedPagePolicy.hash(style))
                .contains("script-src " + HighlightedPagePolicy.hash(script))
                .doesNotContain("unsafe-inline", "'self'");
        assertThat(page.headers().allValues("Content-Security-Policy")).hasSize(1);
        // the page's own list of response headers shows the policy it was sent with
        assertThat(page.body()).as("the headers box")
                .contains("Content-Security-Policy: </span><span class=\"headerValue\">" + csp + "</span>");
    }

    @Test
    void aBrowserAskingForJsonGetsTheApiPolicy() throws Exception {
        HttpResponse<String> json = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102&_format=json"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(json.headers().allValues("Content-Security-Policy")).containsExactly(SecurityHeadersFilter.API_CSP);
    }

    @Test
    void apiAnswersKeepTheStrictPolicyAndEveryHeaderComesOnce() throws Exception {
        for (String accept : new String[] {"application/fhir+json", "*/*", "application/fhir+xml"}) {
            HttpResponse<String> api = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=11102"))
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.headers().allValues("Content-Security-Policy")).as(accept)
                    .containsExactly(SecurityHeadersFilter.API_CSP);
            assertThat(api.headers().allValues("Vary")).as(accept).hasSize(1);
            assertThat(api.headers().firstValue("Vary").orElseThrow()).as(accept).contains("Accept", "Origin");
            for (String name : api.headers().map().keySet()) {
                assertThat(api.headers().allValues(name)).as(name).hasSize(1);
            }
        }
        HttpResponse<String> withOrigin = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/metadata")).header("Origin", "https://billing.example.org").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withOrigin.headers().allValues("Vary")).hasSize(1);
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        assertThat(start).as(open).isNotNegative();
        int end = text.indexOf(close, start);
        return text.substring(start + open.length(), end);
    }

    @Test
    void noCorsHeadersWhenNoOriginIsConfigured() throws Exception {
        HttpResponse<String> response = HostileInputIT.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata"))
                .header("Origin", "https://billing.example.org").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
