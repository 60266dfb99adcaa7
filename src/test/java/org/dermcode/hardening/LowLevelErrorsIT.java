package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.dermcode.ServerIT;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests refused below HAPI (issue 13): by Tomcat before any filter or servlet runs (request line,
 * URL, headers), by the query-string check in front of HAPI, and by Spring (unknown path, wrong
 * method). Sent over a raw socket, since a well-behaved client cannot send most of them. Each must
 * be an OperationOutcome in FHIR JSON naming the problem, with the security headers and without a
 * server version, class name or HTML, and the server must answer the next request.
 */
class LowLevelErrorsIT extends ServerIT {

    private static final String CPT = "http://www.ama-assn.org/go/cpt";

    /** A raw request, the status it must get and a word of the diagnostics. */
    record Raw(byte[] request, int status, String mentions) {}

    static Named<Raw> raw(String name, String request, int status, String mentions) {
        return Named.of(name, new Raw(request.getBytes(StandardCharsets.ISO_8859_1), status, mentions));
    }

    static Named<Raw> get(String name, String target, int status, String mentions) {
        return raw(name, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", status, mentions);
    }

    static Stream<Named<Raw>> refusals() {
        String longUrl = "/fhir/CodeSystem/$lookup?system=" + CPT + "&code=" + "1".repeat(40 * 1024);
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            manyHeaders.append("X-Header-").append(i).append(": 1\r\n");
        }
        return Stream.of(
                // ---- the URL path: Tomcat refuses these before any filter ----
                get("encoded slashes (path traversal)", "/fhir/CodeSystem/..%2F..%2Fetc%2Fpasswd", 400, "encoded slash"),
                get("encoded backslash", "/fhir/CodeSystem/a%5Cb", 400, "encoded backslash"),
                get("raw backslash", "/fhir/CodeSystem/a\\b", 400, "backslash"),
                get("invalid percent-encoding in the path", "/fhir/CodeSystem/a%zzb", 400, "percent-encoding"),
                get("path not UTF-8 once decoded", "/fhir/CodeSystem/a%FFb", 400, "UTF-8"),
                get("'..' leaving the root", "/fhir/../../etc/passwd", 400, "'..'"),
                get("unencoded '{' in the path", "/fhir/CodeSystem/a{b}", 400, "percent-encoded"),
                get("unencoded '<' in the query", "/fhir/metadata?x=<script>", 400, "percent-encoded"),
                // ---- the query string: checked in front of HAPI (which failed with a 500 on the first) ----
                get("invalid percent-encoding in the query", "/fhir/CodeSystem/$lookup?system=" + CPT + "&code=%zz", 400,
                        "percent-encoding"),
                get("query not UTF-8 once decoded", "/fhir/CodeSystem/$lookup?system=" + CPT + "&code=%FF", 400, "UTF-8"),
                get("NUL in the query", "/fhir/CodeSystem/$lookup?system=" + CPT + "&code=111%0002", 400,
                        "control character"),
                // ---- sizes ----
                get("a 40 KB URL", longUrl, 414, "URL is longer"),
                raw("a 40 KB header", "GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(40 * 1024)
                        + "\r\nConnection: close\r\n\r\n", 431, "headers are larger"),
                raw("150 headers", "GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\n" + manyHeaders
                        + "Connection: close\r\n\r\n", 431, "more headers"),
                // ---- request line and framing ----
                raw("method that is not a token", "G@T /fhir/metadata HTTP/1.1\r\nHost: localhost\r\n\r\n", 400,
                        "request line"),
                raw("malformed protocol", "GET /fhir/metadata HTXP/1.1\r\nHost: localhost\r\n\r\n", 400, "request line"),
                raw("extra token in the request line", "GET /fhir/metadata HTTP/1.1 extra\r\nHost: localhost\r\n\r\n", 400,
                        "request line"),
                raw("unsupported HTTP version", "GET /fhir/metadata HTTP/2.5\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n", 505, "HTTP version"),
                raw("HTTP/1.1 without Host", "GET /fhir/metadata HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "Host header"),
                raw("header line without a colon", "GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
                        400, "header line"),
                raw("Content-Length not a number", "POST /fhir/Claim/$validate-claim HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/fhir+json\r\nContent-Length: abc\r\n\r\n", 400, "Content-Length"),
                raw("Transfer-Encoding gzip", "POST /fhir/Claim/$validate-claim HTTP/1.1\r\nHost: localhost\r\n"
                        + "Transfer-Encoding: gzip\r\n\r\n", 501, "Transfer-Encoding"),
                raw("CONNECT", "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n", 501, "CONNECT"),
                raw("TRACE", "TRACE /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405,
                        "TRACE"),
                // ---- Spring: outside /fhir ----
                get("unknown path outside /fhir", "/no-such-page", 404, "/fhir"),
                get("the error page itself", "/error", 404, "/fhir"),
                raw("POST on an actuator endpoint", "POST /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n", 405, "POST is not allowed"),
                raw("DELETE on an actuator endpoint", "DELETE /actuator/info HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", 405, "DELETE is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithAnOperationOutcome(Raw raw) throws Exception {
        Answer answer = send(raw.request());
        assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(raw.status());
        assertThat(answer.header("content-type")).startsWith("application/fhir+json");
        assertSecurityHeadersAndNoVersion(answer);
        OperationOutcome outcome = outcome(answer.body(), false);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getDiagnostics().toLowerCase(Locale.ROOT))
                .contains(raw.mentions().toLowerCase(Locale.ROOT));
        assertStillServing();
    }

    @Test
    void anOperationOutcomeInXmlWhenAsked() throws Exception {
        Answer unknown = send(("GET /no-such-page HTTP/1.1\r\nHost: localhost\r\nAccept: application/fhir+xml\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("content-type")).startsWith("application/fhir+xml");
        assertThat(outcome(unknown.body(), true).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);

        Answer slash = send(("GET /fhir/CodeSystem/a%2Fb?_format=xml HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.header("content-type")).startsWith("application/fhir+xml");
        assertSecurityHeadersAndNoVersion(slash);
        assertThat(outcome(slash.body(), true).getIssueFirstRep().getDiagnostics()).contains("encoded slash");
    }

    @Test
    void hapiAnswersNameNoServerVersionEither() throws Exception {
        Answer answer = send(("GET /fhir/CodeSystem/$lookup?system=" + CPT + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertSecurityHeadersAndNoVersion(answer);
    }

    static void assertSecurityHeadersAndNoVersion(Answer answer) {
        assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(answer.header("x-frame-options")).isEqualTo("DENY");
        assertThat(answer.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(answer.header("content-security-policy")).contains("frame-ancestors 'none'");
        assertThat(answer.header("x-powered-by")).isNull();
        assertThat(answer.header("server")).isNull();
        for (String leak : HostileInputIT.LEAKS) {
            assertThat(answer.body()).as("leaks %s", leak).doesNotContain(leak);
        }
        assertThat(answer.body()).doesNotContain("Tomcat").doesNotContain("<html").doesNotContain("<!doctype");
    }

    static OperationOutcome outcome(String body, boolean xml) {
        IBaseResource parsed = (xml ? FHIR.newXmlParser() : FHIR.newJsonParser()).parseResource(body);
        assertThat(parsed).isInstanceOf(OperationOutcome.class);
        return (OperationOutcome) parsed;
    }

    void assertStillServing() throws Exception {
        Answer good = send(("GET /fhir/CodeSystem/$lookup?system=" + CPT + "&code=11102 HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body()).contains("\"Parameters\"");
    }

    /** A response: status, headers (lower-case names, last value wins) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Sends the bytes on a new connection and reads one response (by Content-Length, or to the end). */
    Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = headers.containsKey("content-length")
                    ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                    : in.readAllBytes();
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 64 * 1024 && (b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.length() - 4);
            }
        }
        return head.toString();
    }
}
