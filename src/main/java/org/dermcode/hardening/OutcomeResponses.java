package org.dermcode.hardening;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes an OperationOutcome straight to the servlet response, for answers given outside the FHIR
 * servlet (body too large, not authenticated, a request Tomcat or Spring refused). JSON unless the
 * client asked for XML (an {@code Accept} naming XML and not JSON, or {@code _format=xml} in the
 * query string, read without parsing the request's parameters).
 */
final class OutcomeResponses {

    static final String JSON = "application/fhir+json;charset=UTF-8";
    static final String XML = "application/fhir+xml;charset=UTF-8";

    private OutcomeResponses() {}

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String issueCode,
            String diagnostics) throws IOException {
        boolean xml = wantsXml(request.getHeader("Accept"), request.getQueryString());
        response.setStatus(status);
        response.setContentType(xml ? XML : JSON);
        byte[] bytes = body(xml, issueCode, diagnostics).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** XML when the client asks for it and not for JSON; JSON otherwise (the server's default). */
    static boolean wantsXml(String accept, String rawQuery) {
        String format = formatParameter(rawQuery);
        if (format != null) {
            return format.contains("xml");
        }
        String asked = String.valueOf(accept).toLowerCase(Locale.ROOT);
        return asked.contains("xml") && !asked.contains("json");
    }

    /** The {@code _format} value of a raw query string (lower case, '+' and %2B kept apart), or null. */
    private static String formatParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("_format=")) {
                return pair.substring("_format=".length()).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** One error issue, in FHIR JSON or XML. */
    static String body(boolean xml, String issueCode, String diagnostics) {
        if (xml) {
            return "<OperationOutcome xmlns=\"http://hl7.org/fhir\"><issue><severity value=\"error\"/><code value=\""
                    + issueCode + "\"/><diagnostics value=\"" + escapeXml(diagnostics) + "\"/></issue></OperationOutcome>";
        }
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + issueCode
                + "\",\"diagnostics\":\"" + escapeJson(diagnostics) + "\"}]}";
    }

    private static String escapeJson(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String escapeXml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '?' : c);
            }
        }
        return out.toString();
    }
}
