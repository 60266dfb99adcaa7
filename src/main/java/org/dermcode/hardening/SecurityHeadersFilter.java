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
 * lets their own scripts and styles load. {@code $validate-claim} answers carry PHI-derived text:
 * never stored by caches.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setHeaders(request.getRequestURI(), response);
        chain.doFilter(request, response);
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

    /** Also on the error dispatch: an error page for a request that reached no filter still gets them. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
