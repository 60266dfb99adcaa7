package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only HAPI's own inline style and script get a hash; anything else inline stays blocked. */
class HighlightedPagePolicyTest {

    private static final String API = SecurityHeadersFilter.API_CSP;
    private final HighlightedPagePolicy policy = new HighlightedPagePolicy();

    private static String resource(String name) throws Exception {
        try (InputStream in = ResponseHighlighterInterceptor.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String page(String style, String script) {
        return "<html><head><style>" + style + "</style></head><body><pre>{}</pre>"
                + "<script type=\"text/javascript\">" + script + "</script></body></html>";
    }

    @Test
    void hapisStyleAndScriptWithTheBaseUrlAreHashed() throws Exception {
        String style = "\n" + resource("ResponseHighlighter.css") + "       ";
        String script = resource("ResponseHighlighter.js").replace("FHIR_BASE", "http://localhost:8080/fhir");

        String csp = policy.policyFor(page(style, script), API);

        assertThat(csp).isEqualTo(API + "; style-src " + HighlightedPagePolicy.hash(style) + "; script-src "
                + HighlightedPagePolicy.hash(script));
    }

    @Test
    void theExpectedPolicyIsTheOneComputedFromHapisPage() throws Exception {
        String style = "\n" + resource("ResponseHighlighter.css") + "       ";
        String script = resource("ResponseHighlighter.js").replace("FHIR_BASE", "http://localhost:8080/fhir");
        assertThat(policy.expectedPolicy("http://localhost:8080/fhir", API))
                .isEqualTo(policy.policyFor(page(style, script), API));
    }

    @Test
    void otherInlineStylesAndScriptsAreNotHashed() throws Exception {
        String injected = page("body{background:url(https://evil.example/x)}", "fetch('https://evil.example')");
        assertThat(policy.policyFor(injected, API)).isEqualTo(API);

        String script = resource("ResponseHighlighter.js").replace("FHIR_BASE", "\";fetch('//evil.example');\"");
        assertThat(policy.policyFor(page("", script), API)).isEqualTo(API);
    }
}
