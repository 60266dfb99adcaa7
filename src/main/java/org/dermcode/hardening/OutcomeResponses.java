package org.dermcode.hardening;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an OperationOutcome straight to the servlet response, for answers given before the FHIR
 * servlet (body too large, not authenticated). JSON unless the client asked for XML.
 */
final class OutcomeResponses {

    private OutcomeResponses() {}

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String issueCode,
            String diagnostics) throws IOException {
        String accept = String.valueOf(request.getHeader("Accept")) + " " + String.valueOf(request.getParameter("_format"));
        boolean xml = accept.contains("xml") && !accept.contains("json");
        String body;
        if (xml) {
            body = "<OperationOutcome xmlns=\"http://hl7.org/fhir\"><issue><severity value=\"error\"/><code value=\""
                    + issueCode + "\"/><diagnostics value=\"" + escapeXml(diagnostics) + "\"/></issue></OperationOutcome>";
            response.setContentType("application/fhir+xml;charset=UTF-8");
        } else {
            body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + issueCode
                    + "\",\"diagnostics\":\"" + escapeJson(diagnostics) + "\"}]}";
            response.setContentType("application/fhir+json;charset=UTF-8");
        }
        response.setStatus(status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
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
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
