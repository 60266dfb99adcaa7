package org.dermcode.hardening;

import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the HTML page HAPI's {@link ResponseHighlighterInterceptor} shows a
 * browser: the API's policy, plus the page's own inline style and script allowed by their SHA-256
 * hashes. Only HAPI's blocks are hashed: a style element whose text is HAPI's stylesheet and a
 * script element whose text is HAPI's script with the server's base URL filled in. Anything else
 * inline (which would be injected markup) stays blocked, as on every other response.
 */
final class HighlightedPagePolicy {

    private static final String RESOURCE_FOLDER = "ca/uhn/fhir/rest/server/interceptor/";
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern SCRIPT = Pattern.compile("<script type=\"text/javascript\">(.*?)</script>",
            Pattern.DOTALL);
    private static final Pattern BASE_URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._~\\-/]*)?");

    private final String rawCss;
    private final String css;
    private final String scriptBefore;
    private final String scriptAfter;

    HighlightedPagePolicy() {
        this.rawCss = resource("ResponseHighlighter.css");
        this.css = rawCss.strip();
        String script = resource("ResponseHighlighter.js");
        int base = script.indexOf("FHIR_BASE");
        if (base < 0 || script.indexOf("FHIR_BASE", base + 1) >= 0) {
            throw new IllegalStateException("HAPI's ResponseHighlighter.js no longer has FHIR_BASE exactly once");
        }
        this.scriptBefore = script.substring(0, base);
        this.scriptAfter = script.substring(base + "FHIR_BASE".length());
    }

    /**
     * The policy HAPI's page will need on a server with that base URL, computed the way HAPI frames its
     * stylesheet and fills in its script. Set before the page is written, so that the page's own list
     * of response headers shows it; {@link #policyFor} then computes it from the page as written.
     */
    String expectedPolicy(String baseUrl, String apiPolicy) {
        String base = baseUrl.replaceAll("[^a-zA-Z0-9:/._-]", "");   // as HAPI's UrlUtil.sanitizeBaseUrl
        return apiPolicy + "; style-src " + hash("\n" + rawCss + "       ") + "; script-src "
                + hash(scriptBefore + base + scriptAfter);
    }

    /** The policy for this page: {@code apiPolicy} with a style-src and script-src of HAPI's blocks. */
    String policyFor(String html, String apiPolicy) {
        Set<String> styles = new LinkedHashSet<>();
        Matcher style = STYLE.matcher(html);
        while (style.find()) {
            if (style.group(1).strip().equals(css)) {
                styles.add(hash(style.group(1)));
            }
        }
        Set<String> scripts = new LinkedHashSet<>();
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            if (isHapiScript(script.group(1))) {
                scripts.add(hash(script.group(1)));
            }
        }
        StringBuilder policy = new StringBuilder(apiPolicy);
        if (!styles.isEmpty()) {
            policy.append("; style-src ").append(String.join(" ", styles));
        }
        if (!scripts.isEmpty()) {
            policy.append("; script-src ").append(String.join(" ", scripts));
        }
        return policy.toString();
    }

    private boolean isHapiScript(String text) {
        if (!text.startsWith(scriptBefore) || !text.endsWith(scriptAfter)
                || text.length() < scriptBefore.length() + scriptAfter.length()) {
            return false;
        }
        String baseUrl = text.substring(scriptBefore.length(), text.length() - scriptAfter.length());
        return BASE_URL.matcher(baseUrl).matches();
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ResponseHighlighterInterceptor.class.getClassLoader()
                .getResourceAsStream(RESOURCE_FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE_FOLDER + name + " is missing from HAPI's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
