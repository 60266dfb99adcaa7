package org.dermcode.hardening;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.tomcat.util.res.StringManager;

/**
 * What to tell a client whose request was refused below the FHIR servlet, by Tomcat (a malformed
 * request line, a URL or headers over the limit, an encoded slash) or by Spring (an unknown path, a
 * wrong method): the status, a FHIR issue type and a sentence naming the problem, in our words
 * (never Tomcat's, which quote the request and name classes). The request's own bytes are not
 * echoed.
 */
final class ErrorDescriptions {

    /** A refusal: HTTP status, FHIR issue type (IssueType code) and diagnostics. */
    record Refusal(int status, String code, String diagnostics) {}

    /** What Tomcat knows of a refused request. Any field may be null where parsing stopped before it. */
    record TomcatRequest(int status, String method, String protocol, String rawPath, boolean hasHost,
            String contentLength, String transferEncoding, String causeMessage, int maxHeaderBytes) {}

    private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");
    private static final StringManager HTTP_UTIL = StringManager.getManager("org.apache.tomcat.util.http");

    private ErrorDescriptions() {}

    /** A request refused by Tomcat before any servlet saw it. */
    static Refusal forTomcat(TomcatRequest r) {
        String cause = r.causeMessage();
        String limit = r.maxHeaderBytes() > 0 ? " (at most " + (r.maxHeaderBytes() / 1024) + " KB:"
                + " server.max-http-request-header-size)" : "";
        if (cause != null) {
            if (matches(cause, HTTP11, "iib.requestheadertoolarge.error")) {
                return r.rawPath() == null || r.rawPath().isEmpty()
                        ? new Refusal(414, "too-long", "The URL is longer than the server accepts: the request line and"
                                + " headers together are limited" + limit + "; send long parameters in a POSTed"
                                + " Parameters body instead")
                        : new Refusal(431, "too-long", "The request headers are larger than the server accepts: the"
                                + " request line and headers together are limited" + limit);
            }
            if (matches(cause, HTTP_UTIL, "headers.maxCountFail")) {
                return new Refusal(431, "too-long", "The request has more headers than the server accepts");
            }
            if (matches(cause, HTTP11, "iib.invalidmethod")) {
                return bad("Malformed request line: the method is not a valid HTTP method name (a token)");
            }
            if (matches(cause, HTTP11, "iib.invalidRequestTarget")) {
                return bad("The URL contains a character that must be percent-encoded (RFC 3986), such as a space, a backslash,"
                        + " a quote, '<', '>', '{', '}', '|' or a control character");
            }
            if (matches(cause, HTTP11, "iib.invalidHttpProtocol")) {
                return bad("Malformed request line: the protocol is not a valid HTTP version (send HTTP/1.1)");
            }
            if (matches(cause, HTTP11, "iib.invalidheader.reject") || matches(cause, HTTP11, "iib.invalidheader")) {
                return bad("A request header line is malformed: a header is 'Name: value' with a token as its name");
            }
            if (r.status() == 400) {
                return bad("The request line or headers could not be parsed as HTTP/1.1");
            }
        }
        return switch (r.status()) {
            case 400 -> badWithoutCause(r);
            case 405 -> "TRACE".equals(r.method())
                    ? new Refusal(405, "not-supported", "The TRACE method is not allowed")
                    : forStatus(405, r.method(), null);
            case 501 -> "CONNECT".equals(r.method())
                    ? new Refusal(501, "not-supported", "The CONNECT method is not supported: this is not a proxy")
                    : r.transferEncoding() != null
                            ? new Refusal(501, "not-supported", "The Transfer-Encoding of the request is not supported"
                                    + " (only chunked is)")
                            : forStatus(501, r.method(), null);
            case 505 -> new Refusal(505, "not-supported", "The HTTP version of the request is not supported: send"
                    + " HTTP/1.1");
            default -> forStatus(r.status(), r.method(), null);
        };
    }

    /** A 400 that Tomcat gave without an exception: something in the URL path or the framing headers. */
    private static Refusal badWithoutCause(TomcatRequest r) {
        String path = r.rawPath() == null ? "" : r.rawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f")) {
            return bad("The URL path contains an encoded slash (%2F), which is not accepted: FHIR ids, types and"
                    + " operation names never contain one");
        }
        if (lower.contains("%5c")) {
            return bad("The URL path contains an encoded backslash (%5C), which is not accepted");
        }
        if (path.indexOf('\\') >= 0) {
            return bad("The URL path contains a backslash, which is not accepted");
        }
        if (!validPercentEncoding(path)) {
            return bad("The URL path has an invalid percent-encoding: '%' must be followed by two hexadecimal digits");
        }
        if (!decodesToUtf8(path)) {
            return bad("The URL path is not valid UTF-8 once percent-decoded");
        }
        if (lower.contains("/..") || lower.contains("/%2e") || lower.contains("/.%2e")) {
            return bad("The URL path has '..' segments that leave the server root");
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            return bad("The request target must be an absolute path such as /fhir/metadata");
        }
        if ("HTTP/1.1".equals(r.protocol()) && !r.hasHost()) {
            return bad("An HTTP/1.1 request needs a Host header");
        }
        if (r.contentLength() != null && !r.contentLength().strip().matches("[0-9]+")) {
            return bad("The Content-Length header is not a number (or is repeated)");
        }
        if (r.transferEncoding() != null) {
            return bad("The Transfer-Encoding header is invalid (chunked must come last, once)");
        }
        return bad("The request is malformed");
    }

    /** An error status set by a servlet, Spring or Tomcat, described by its status alone. */
    static Refusal forStatus(int status, String method, String allow) {
        return switch (status) {
            case 400 -> bad("The request is malformed");
            case 401 -> new Refusal(401, "login", "Authentication required");
            case 403 -> new Refusal(403, "forbidden", "Access denied");
            case 404 -> new Refusal(404, "not-found", "Nothing is served at this path: the FHIR API is under /fhir"
                    + " (for example /fhir/metadata), health under /actuator/health");
            case 405 -> new Refusal(405, "not-supported", "The method " + token(method) + " is not allowed at this path"
                    + (allow == null || allow.isBlank() ? "" : " (allowed: " + allow + ")"));
            case 406 -> new Refusal(406, "not-supported", "None of the media types in the Accept header can be produced"
                    + " here");
            case 408 -> new Refusal(408, "timeout", "The request was not received in time");
            case 411 -> bad("A request body needs a Content-Length or chunked Transfer-Encoding");
            case 413 -> new Refusal(413, "too-costly", "The request is larger than the server accepts");
            case 414 -> new Refusal(414, "too-long", "The URL is longer than the server accepts");
            case 415 -> new Refusal(415, "not-supported", "The Content-Type of the request is not supported here");
            case 431 -> new Refusal(431, "too-long", "The request headers are larger than the server accepts");
            case 501 -> new Refusal(501, "not-supported", "The request uses an HTTP feature the server does not implement");
            case 503 -> new Refusal(503, "transient", "The server is not accepting requests now (starting or stopping);"
                    + " retry later");
            default -> status >= 500
                    ? new Refusal(status, "exception", "Internal error; the server log has the details")
                    : new Refusal(status, "processing", "The request was refused (HTTP " + status + ")");
        };
    }

    private static Refusal bad(String diagnostics) {
        return new Refusal(400, "invalid", diagnostics);
    }

    /** An HTTP method name as given, or "?" when it is not a plain token (it is echoed in the diagnostics). */
    private static String token(String method) {
        return method != null && method.matches("[A-Za-z]{1,20}") ? method : "?";
    }

    /** True when Tomcat's message is the one of that key (the message's fixed text before its first argument). */
    private static boolean matches(String message, StringManager messages, String key) {
        String pattern = messages.getString(key);
        int argument = pattern.indexOf('{');
        String fixed = (argument < 0 ? pattern : pattern.substring(0, argument)).strip();
        return !fixed.isEmpty() && message.startsWith(fixed);
    }

    /** Every '%' is followed by two hexadecimal digits. */
    static boolean validPercentEncoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                if (i + 2 >= text.length()) {
                    return false;
                }
                if (Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /** The percent-decoded bytes (with '+' left alone) are valid UTF-8. Assumes a valid percent-encoding. */
    static boolean decodesToUtf8(String text) {
        return percentDecode(text) != null;
    }

    /** The text percent-decoded as UTF-8, or null when the bytes are not UTF-8. Assumes a valid encoding. */
    static String percentDecode(String text) {
        byte[] bytes = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                // a raw non-ASCII character (Tomcat has already refused these in a request line)
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
