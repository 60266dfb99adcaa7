package org.dermcode.hardening;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response. The API's Content-Security-Policy allows nothing to run
 * (it serves data, not pages); pages under a {@code swagger-ui} path get a same-origin policy that
 * lets their own scripts and styles load; the highlighted HTML page a browser gets for a FHIR URL
 * gets the API's policy plus the hashes of HAPI's inline style and script
 * ({@link HighlightedPagePolicy}). {@code $validate-claim} answers carry PHI-derived text: never
 * stored by caches. {@code Vary} is sent once ({@link SingleVaryResponse}); FHIR answers vary on
 * {@code Accept} (HTML for a browser, JSON or XML otherwise).
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'";

    /** The largest browser page held back to compute its policy; larger ones stream with the API's policy. */
    static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;

    private final HighlightedPagePolicy pages = new HighlightedPagePolicy();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        HttpServletResponse single = new SingleVaryResponse(response);
        setHeaders(uri, single);
        if (uri != null && uri.startsWith("/fhir/")) {
            single.addHeader(SingleVaryResponse.VARY, "Accept");
        }
        if (mayBeHighlightedPage(request, uri)) {
            // the page lists the response headers it is sent with: give it the policy it will get
            single.setHeader("Content-Security-Policy", pages.expectedPolicy(serverBase(request), API_CSP));
            BrowserPageResponse page = new BrowserPageResponse(single, MAX_PAGE_BYTES, pages, API_CSP);
            chain.doFilter(request, page);
            page.finish();
            return;
        }
        chain.doFilter(request, single);
    }

    /** The headers for an answer to that request URI (also Tomcat's own error answers, which no filter sees). */
    static void setHeaders(String uri, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", uri != null && uri.contains("/swagger-ui") ? UI_CSP : API_CSP);
        if (uri != null && uri.contains("$validate-claim")) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
    }

    /** A browser's request for a FHIR answer, which HAPI's ResponseHighlighterInterceptor may turn into HTML. */
    private static boolean mayBeHighlightedPage(HttpServletRequest request, String uri) {
        if (uri == null || !uri.startsWith("/fhir/") || uri.contains("/swagger-ui") || uri.endsWith("/api-docs")
                || "HEAD".equals(request.getMethod())) {
            return false;
        }
        String accept = request.getHeader("Accept");
        String query = request.getQueryString();
        return (accept != null && accept.contains("text/html")) || (query != null && query.contains("html"));
    }

    /** The FHIR server's base URL as HAPI sees it: the request URL without the path below the servlet. */
    private static String serverBase(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        String pathInfo = request.getPathInfo();
        return pathInfo != null && url.endsWith(pathInfo) ? url.substring(0, url.length() - pathInfo.length()) : url;
    }

    /** Also on the error dispatch: an error page for a request that reached no filter still gets them. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
