package org.dermcode.hardening;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that cannot be decoded, with a 400 OperationOutcome naming the problem:
 * a '%' not followed by two hexadecimal digits (HAPI's query parser fails on it with an internal
 * error), bytes that are not UTF-8 once decoded, and control characters (HAPI would silently turn
 * the first into U+FFFD and look up a code nobody sent). Tomcat has already refused characters that
 * are not allowed in a URL at all.
 */
public final class QueryStringFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getQueryString());
        if (problem != null) {
            OutcomeResponses.write(request, response, 400, "invalid", problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with a raw query string, or null when nothing is. */
    static String problem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        if (!ErrorDescriptions.validPercentEncoding(rawQuery)) {
            return "The query string has an invalid percent-encoding: '%' must be followed by two hexadecimal digits"
                    + " (send '%' itself as %25)";
        }
        String decoded = ErrorDescriptions.percentDecode(rawQuery);
        if (decoded == null) {
            return "The query string is not valid UTF-8 once percent-decoded: encode parameter values as UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return "The query string holds a control character (U+" + String.format("%04X", (int) c)
                        + "); parameter values may not contain them";
            }
        }
        return null;
    }
}
