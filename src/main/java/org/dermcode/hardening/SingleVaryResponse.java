package org.dermcode.hardening;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sends {@code Vary} once, as one comma-separated list without repeats: Spring's CORS filter adds
 * {@code Origin}, {@code Access-Control-Request-Method} and {@code Access-Control-Request-Headers}
 * as three separate headers, and the FHIR answers add {@code Accept}.
 */
final class SingleVaryResponse extends HttpServletResponseWrapper {

    static final String VARY = "Vary";

    SingleVaryResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void addHeader(String name, String value) {
        if (VARY.equalsIgnoreCase(name)) {
            String current = getHeader(VARY);
            super.setHeader(VARY, merge(current, value));
        } else {
            super.addHeader(name, value);
        }
    }

    static String merge(String current, String added) {
        Set<String> names = new LinkedHashSet<>();
        for (String list : new String[] {current, added}) {
            if (list == null) {
                continue;
            }
            for (String token : list.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.strip());
                }
            }
        }
        return String.join(", ", names);
    }
}
