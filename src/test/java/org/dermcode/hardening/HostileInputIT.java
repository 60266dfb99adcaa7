package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.dermcode.ServerIT;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of hostile and broken requests (issue 6). Each case states the status it must get
 * and a word of the OperationOutcome that names the problem; every case also checks that the body
 * is an OperationOutcome with no stack trace or Java class name, that it came back within the
 * client's 10 s timeout (a hang guard, not a performance assertion), and that the next good
 * request still succeeds.
 */
class HostileInputIT extends ServerIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final List<String> LEAKS = List.of("Exception", "at org.", "ca.uhn", "java.", "root:", "\tat ");

    private static final String CLAIM = "/Claim/$validate-claim";
    private static final String JSON = "application/fhir+json";
    private static final String XML = "application/fhir+xml";
    private static final String CPT = "http://www.ama-assn.org/go/cpt";
    private static final String GOOD_LOOKUP = "/CodeSystem/$lookup?system=" + CPT + "&code=11102";

    /** One hostile request: what is sent and what must come back. */
    record Case(String method, String path, String contentType, byte[] body, boolean chunked, Set<Integer> statuses,
            String mentions) {}

    static String exampleClaim() {
        try {
            return Files.readString(Path.of("examples", "claims", "01-clean-em-with-biopsy.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Claim in JSON whose first item has its fields replaced by {@code itemJson}. */
    static String claimWith(String itemJson, String diagnosisJson) {
        return "{\"resourceType\":\"Claim\",\"id\":\"hostile\",\"status\":\"active\","
                + "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/claim-type\",\"code\":\"professional\"}]},"
                + "\"use\":\"claim\",\"patient\":{\"reference\":\"Patient/p1\"},\"created\":\"2024-03-01\","
                + "\"provider\":{\"reference\":\"Practitioner/d1\"},"
                + "\"priority\":{\"coding\":[{\"code\":\"normal\"}]},"
                + "\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":\"Coverage/c1\"}}],"
                + "\"diagnosis\":[" + diagnosisJson + "],"
                + "\"item\":[" + itemJson + "]}";
    }

    static String dx(int sequence, String code) {
        return "{\"sequence\":" + sequence + ",\"diagnosisCodeableConcept\":{\"coding\":[{\"system\":"
                + "\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"" + code + "\"}]}}";
    }

    static String item(String sequence, String code, String modifiers, String quantity, String date) {
        return "{\"sequence\":" + sequence + ",\"diagnosisSequence\":[1],\"productOrService\":{\"coding\":[{\"system\":\""
                + CPT + "\",\"code\":\"" + code + "\"}]}" + (modifiers == null ? "" : ",\"modifier\":[" + modifiers + "]")
                + ",\"servicedDate\":\"" + date + "\"" + (quantity == null ? "" : ",\"quantity\":{\"value\":" + quantity + "}")
                + "}";
    }

    static String goodItem() {
        return item("1", "11102", null, "1", "2024-02-27");
    }

    static String modifier(String code) {
        return "{\"coding\":[{\"system\":\"http://www.ama-assn.org/go/cpt\",\"code\":\"" + code + "\"}]}";
    }

    static String repeat(String text, int times, String separator) {
        List<String> parts = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            parts.add(text.replace("#", Integer.toString(i + 1)));
        }
        return String.join(separator, parts);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Named<Case> post(String name, String path, String contentType, String body, int status, String mentions) {
        return Named.of(name, new Case("POST", path, contentType, utf8(body), false, Set.of(status), mentions));
    }

    static Named<Case> postBytes(String name, String contentType, byte[] body, boolean chunked, int status,
            String mentions) {
        return Named.of(name, new Case("POST", CLAIM, contentType, body, chunked, Set.of(status), mentions));
    }

    static Named<Case> claim(String name, String body, int status, String mentions) {
        return post(name, CLAIM, JSON, body, status, mentions);
    }

    static Named<Case> get(String name, String pathAndQuery, int status, String mentions) {
        return Named.of(name, new Case("GET", pathAndQuery, null, null, false, Set.of(status), mentions));
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static final String XXE_FILE = "<?xml version=\"1.0\"?><!DOCTYPE Claim [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<Claim xmlns=\"http://hl7.org/fhir\"><id value=\"x\"/><status value=\"active\"/>"
            + "<patient><display value=\"&xxe;\"/></patient></Claim>";
    static final String XXE_HTTP = "<?xml version=\"1.0\"?><!DOCTYPE Claim [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/\">]>"
            + "<Claim xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/><patient><display value=\"&xxe;\"/></patient></Claim>";
    static final String XXE_PARAMETER_ENTITY = "<?xml version=\"1.0\"?><!DOCTYPE Claim [<!ENTITY % ext SYSTEM"
            + " \"file:///etc/passwd\"> %ext;]><Claim xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/></Claim>";
    static final String BILLION_LAUGHS;

    static {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Claim [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        BILLION_LAUGHS = dtd.append("]><Claim xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>"
                + "<patient><display value=\"&lol9;\"/></patient></Claim>").toString();
    }

    static Stream<Named<Case>> cases() {
        String claim = exampleClaim();
        String fhirXmlClaim = FHIR.newXmlParser().encodeResourceToString(FHIR.newJsonParser().parseResource(claim));
        byte[] tooLarge = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        byte[] invalidUtf8 = utf8(claimWith(item("1", "11102XX", null, "1", "2024-02-27"), dx(1, "L82.1")));
        int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("XX");
        invalidUtf8[at] = (byte) 0xC3;
        invalidUtf8[at + 1] = (byte) 0x28;
        byte[] invalidUtf8Id = utf8(claim.replaceFirst("\"id\"\\s*:\\s*\"[^\"]*\"", "\"id\":\"ab@@cd\""));
        int id = new String(invalidUtf8Id, StandardCharsets.ISO_8859_1).indexOf("@@");
        invalidUtf8Id[id] = (byte) 0xFF;
        invalidUtf8Id[id + 1] = (byte) 0xFE;
        return Stream.of(
                // ---- syntax ----
                claim("malformed JSON (truncated)", "{\"resourceType\":\"Claim\",\"status\":", 400, "parse"),
                claim("malformed JSON (not JSON at all)", "this is not json", 400, "parse"),
                claim("JSON array instead of an object", "[" + claim + "]", 400, "parse"),
                claim("JSON scalar", "42", 400, "parse"),
                post("malformed XML (unclosed element)", CLAIM, XML,
                        "<Claim xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>", 400, "parse"),
                claim("empty body", "", 400, "content to parse"),
                post("whitespace-only body", CLAIM, JSON, "   \n  ", 400, "content to parse"),
                // ---- content types ----
                post("text/plain body", CLAIM, "text/plain", claim, 415, "content-type"),
                post("form-urlencoded body", CLAIM, "application/x-www-form-urlencoded", "resource=" + q(claim), 415,
                        "content-type"),
                post("application/octet-stream body", CLAIM, "application/octet-stream", claim, 415, "content-type"),
                post("JSON body declared as XML", CLAIM, XML, claim, 400, "parse"),
                post("XML body declared as JSON", CLAIM, JSON, fhirXmlClaim, 400, "parse"),
                // ---- wrong resources ----
                claim("a Patient instead of a Claim", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", 400, "Patient"),
                claim("an unknown resource type", "{\"resourceType\":\"Frobnicator\"}", 400, "Frobnicator"),
                claim("no resourceType", "{\"status\":\"active\"}", 400, "resourceType"),
                claim("a Bundle with no entries", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", 400, "no entries"),
                claim("a Bundle of Patients where a Claim is expected", "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                        + "\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}", 400, "no entry of the Bundle is a Claim"),
                claim("Parameters without the Claim", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"other\","
                        + "\"valueString\":\"x\"}]}", 400, "resource"),
                claim("Parameters with a Patient as resource", "{\"resourceType\":\"Parameters\",\"parameter\":["
                        + "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\"}}]}", 400, "Patient"),
                claim("Parameters with the Claim twice", "{\"resourceType\":\"Parameters\",\"parameter\":["
                        + "{\"name\":\"resource\",\"resource\":" + claim + "},{\"name\":\"resource\",\"resource\":" + claim
                        + "}]}", 400, "resource"),
                post("a Claim where $lookup expects Parameters", "/CodeSystem/$lookup", JSON, claim, 400, "Claim"),
                post("a Claim where $validate-code expects Parameters", "/ValueSet/$validate-code", JSON, claim, 400, "Claim"),
                post("a Bundle where $expand expects Parameters", "/ValueSet/$expand", JSON,
                        "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", 400, "Bundle"),
                // ---- XML attacks ----
                post("XXE: external entity file:///etc/passwd", CLAIM, XML, XXE_FILE, 400, "DOCTYPE"),
                post("XXE: external entity http://127.0.0.1:1/", CLAIM, XML, XXE_HTTP, 400, "DOCTYPE"),
                post("XXE: external parameter entity", CLAIM, XML, XXE_PARAMETER_ENTITY, 400, "DOCTYPE"),
                post("XML billion laughs", CLAIM, XML, BILLION_LAUGHS, 400, "DOCTYPE"),
                post("XXE in a $lookup Parameters body", "/CodeSystem/$lookup", XML, XXE_FILE.replace("Claim", "Parameters"),
                        400, "DOCTYPE"),
                // ---- size ----
                postBytes("body over 1 MB with Content-Length", JSON, tooLarge, false, 413, "at most"),
                postBytes("body over 1 MB chunked", JSON, tooLarge, true, 413, "at most"),
                claim("JSON nested 10,000 levels", "{\"resourceType\":\"Claim\",\"extension\":" + "[".repeat(10_000)
                        + "]".repeat(10_000) + "}", 400, "nested deeper"),
                post("XML nested 10,000 levels", CLAIM, XML, "<Claim xmlns=\"http://hl7.org/fhir\">"
                        + "<extension>".repeat(10_000) + "</extension>".repeat(10_000) + "</Claim>", 400, "nested deeper"),
                post("XML extensions nested 900 levels (overflowed the profile validator's stack: a 500)", CLAIM, XML,
                        "<Claim xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>"
                        + "<extension url=\"http://example.org/x\">".repeat(900) + "<valueString value=\"x\"/>"
                        + "</extension>".repeat(900) + "</Claim>", 400, "nested deeper"),
                claim("a code of 500,000 characters", claimWith(item("1", "9".repeat(500_000), null, "1", "2024-02-27"),
                        dx(1, "L82.1")), 422, "characters"),
                claim("1,000 items", claimWith(repeat(item("#", "11102", null, "1", "2024-02-27"), 1_000, ","),
                        dx(1, "L82.1")), 422, "1000 items"),
                claim("10,000 modifiers on one item", claimWith(item("1", "11102", repeat(modifier("59"), 10_000, ","), "1",
                        "2024-02-27"), dx(1, "L82.1")), 422, "10000 modifiers"),
                claim("1,000 diagnoses", claimWith(goodItem(), repeat(dx(1, "L82.1").replace("\"sequence\":1",
                        "\"sequence\":#"), 1_000, ",")), 422, "1000 diagnoses"),
                claim("a Bundle of 11 claims", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                        + repeat("{\"resource\":" + claimWith(goodItem(), dx(1, "L82.1")) + "}", 11, ",") + "]}", 422,
                        "max-batch-claims"),
                claim("a Bundle of 3 claims with 120 items in all", "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                        + "\"entry\":[" + repeat("{\"resource\":" + claimWith(repeat(item("#", "11102", null, "1",
                        "2024-02-27"), 40, ","), dx(1, "L82.1")) + "}", 3, ",") + "]}", 422, "max-batch-items"),
                // ---- values ----
                claim("quantity 1e400", claimWith(item("1", "11102", null, "1e400", "2024-02-27"), dx(1, "L82.1")), 422,
                        "quantity"),
                claim("sequence 99999999999999999999", claimWith(item("99999999999999999999", "11102", null, "1",
                        "2024-02-27"), dx(1, "L82.1")), 400, "99999999999999999999"),
                claim("negative quantity", claimWith(item("1", "11102", null, "-3", "2024-02-27"), dx(1, "L82.1")), 422,
                        "quantity"),
                claim("zero quantity", claimWith(item("1", "11102", null, "0", "2024-02-27"), dx(1, "L82.1")), 422,
                        "quantity"),
                claim("negative sequence", claimWith(item("-1", "11102", null, "1", "2024-02-27"), dx(1, "L82.1")), 200,
                        "item.sequence -1"),
                claim("invalid date 2024-13-45", claimWith(item("1", "11102", null, "1", "2024-13-45"), dx(1, "L82.1")), 400,
                        "2024-13-45"),
                claim("date that is not a date", claimWith(item("1", "11102", null, "1", "yesterday"), dx(1, "L82.1")), 400,
                        "yesterday"),
                claim("property with an empty name (HAPI parser crash found by fuzzing)", claim.replaceFirst(
                        "\"status\"", "\"\": {\"a\": 1}, \"status\""), 400, "empty name"),
                claim("duplicate JSON keys", "{\"resourceType\":\"Claim\",\"status\":\"active\",\"status\":\"draft\"}", 400,
                        "duplicate"),
                claim("raw control character in a string", claim.replaceFirst("\"status\"\\s*:\\s*\"active\"",
                        "\"status\":\"act\u0001ive\""), 400, "parse"),
                claim("escaped NUL character in a code", claimWith(item("1", "111\\u000002", null, "1", "2024-02-27"),
                        dx(1, "L82.1")), 400, "control character"),
                postBytes("invalid UTF-8 bytes in a code", JSON, invalidUtf8, false, 400, "UTF-8"),
                postBytes("invalid UTF-8 bytes in the id", JSON, invalidUtf8Id, false, 400, "UTF-8"),
                // ---- terminology operation parameters ----
                get("$lookup: code repeated", "/CodeSystem/$lookup?system=" + CPT + "&code=11102&code=11104", 400, "code"),
                post("$lookup: code repeated in a POSTed Parameters", "/CodeSystem/$lookup", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":\"" + CPT
                                + "\"},{\"name\":\"code\",\"valueCode\":\"17311\"},{\"name\":\"code\",\"valueCode\":\"99213\"}]}",
                        400, "'code' is repeated (2 times) in the Parameters body"),
                post("$lookup: code repeated in a POSTed XML Parameters", "/CodeSystem/$lookup", XML,
                        "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"system\"/><valueUri value=\""
                                + CPT + "\"/></parameter><parameter><name value=\"code\"/><valueCode value=\"17311\"/>"
                                + "</parameter><parameter><name value=\"code\"/><valueCode value=\"99213\"/></parameter>"
                                + "</Parameters>", 400, "'code' is repeated (2 times) in the Parameters body"),
                post("$expand: url repeated in a POSTed XML Parameters", "/ValueSet/$expand", XML,
                        "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"url\"/><valueUri value=\""
                                + "http://dermcode.org/fhir/ValueSet/derm-mohs\"/></parameter><parameter><name value=\"url\"/>"
                                + "<valueUri value=\"http://dermcode.org/fhir/ValueSet/derm-em\"/></parameter></Parameters>",
                        400, "'url' is repeated (2 times) in the Parameters body"),
                get("$lookup: code of 10,000 characters", "/CodeSystem/$lookup?system=" + CPT + "&code=" + "1".repeat(10_000),
                        400, "longer than"),
                get("$lookup: invalid date", "/CodeSystem/$lookup?system=" + CPT + "&code=11102&date=2024-99-99", 400, "date"),
                post("$lookup: code given as a boolean", "/CodeSystem/$lookup", JSON, "{\"resourceType\":\"Parameters\","
                        + "\"parameter\":[{\"name\":\"system\",\"valueUri\":\"" + CPT + "\"},{\"name\":\"code\",\"valueBoolean\":true}]}",
                        400, "code"),
                get("$expand: count=2147483648", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-mohs"
                        + "&count=2147483648", 400, "count"),
                get("$expand: count=abc", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-mohs&count=abc", 400,
                        "count"),
                get("$expand: offset=-1", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-mohs&offset=-1", 400,
                        "offset"),
                get("$expand: url repeated", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-mohs"
                        + "&url=http://dermcode.org/fhir/ValueSet/derm-em", 400, "url"),
                post("$expand: a tx-resource ValueSet with 3,000 whole-system includes", "/ValueSet/$expand", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
                                + "\"http://example.org/vs/repeated\"},{\"name\":\"tx-resource\",\"resource\":"
                                + "{\"resourceType\":\"ValueSet\",\"url\":\"http://example.org/vs/repeated\",\"status\":"
                                + "\"active\",\"compose\":{\"include\":[" + repeat("{\"system\":"
                                + "\"http://hl7.org/fhir/sid/icd-10-cm\"}", 3_000, ",") + "]}}}]}", 422, "more than"),
                post("$expand: a tx-resource regex filter that backtracks, with a look-around", "/ValueSet/$expand", JSON,
                        regexRequest("((a+)+)+(?!x)", null), 422, "took too long to evaluate against code"),
                post("$validate-code: a tx-resource regex filter that is not a regex", "/ValueSet/$validate-code", JSON,
                        regexRequest("((a+)+", BAD_CODE), 400, "not a valid regular expression"),
                post("$expand (our content): an inline value set with a regex filter", "/ValueSet/$expand", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"valueSet\",\"resource\":"
                                + "{\"resourceType\":\"ValueSet\",\"status\":\"active\",\"compose\":{\"include\":"
                                + "[{\"system\":\"" + CPT + "\",\"filter\":[{\"property\":\"code\",\"op\":\"regex\","
                                + "\"value\":\"((1+)+)+\"}]}]}}}]}", 400, "regex"),
                post("$batch-validate-code: 101 entries (at most 100)", "/ValueSet/$batch-validate-code", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
                                + "\"http://dermcode.org/fhir/ValueSet/derm-em\"}," + repeat("{\"name\":\"validation\","
                                + "\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\","
                                + "\"valueUri\":\"" + CPT + "\"},{\"name\":\"code\",\"valueCode\":\"99213\"}]}}", 101, ",")
                                + "]}", 422, "at most 100"),
                post("$batch-validate-code: an entry that is not a Parameters", "/ValueSet/$batch-validate-code", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"validation\",\"resource\":"
                                + "{\"resourceType\":\"ValueSet\",\"status\":\"active\"}}]}", 400, "validation"),
                post("$batch-validate-code: no entries", "/CodeSystem/$batch-validate-code", JSON,
                        "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":\""
                                + CPT + "\"}]}", 400, "validation"),
                get("$expand: filter of 10,000 characters", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/"
                        + "derm-procedures&filter=" + "a".repeat(10_000), 400, "filter"),
                get("$validate-code: activeOnly not a boolean", "/ValueSet/$validate-code?url=http://dermcode.org/fhir/"
                        + "ValueSet/derm-em&system=" + CPT + "&code=99213&activeOnly=maybe", 400, "activeOnly"),
                get("$subsumes: codeB missing", "/CodeSystem/$subsumes?system=" + CPT + "&codeA=biopsy", 400, "codeB"),
                get("$translate: no code", "/ConceptMap/$translate?url=http://dermcode.org/fhir/ConceptMap/"
                        + "cpt-retired-replacements&system=" + CPT, 400, "code"),
                get("unknown operation", "/CodeSystem/$frobnicate", 400, "frobnicate"),
                get("$validate-claim by GET", "/Claim/$validate-claim", 405, "POST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileRequestIsRefusedCleanly(Case c) throws Exception {
        HttpResponse<String> response = send(c);
        assertThat(c.statuses()).as("status of %s: %s", c.path(), abbreviate(response.body())).contains(response.statusCode());
        assertCleanOutcome(response, c.mentions());
        assertStillServing();
    }

    /** What must not be refused: absurd but legal values get a correct answer. */
    @Test
    void offsetBeyondTheEndIsAnEmptyPage() throws Exception {
        HttpResponse<String> response = send(new Case("GET", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/"
                + "derm-mohs&offset=999999999", null, null, false, Set.of(200), null));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"offset\"").doesNotContain("\"contains\"");
    }

    @Test
    void regexLikeFilterIsPlainTextAndQuick() throws Exception {
        String filter = "(a+)+$" + ".*".repeat(40) + "[[[" + "(x|x|x)*".repeat(10);
        HttpResponse<String> response = send(new Case("GET", "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/"
                + "derm-procedures&filter=" + q(filter), null, null, false, Set.of(200), null));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"total\":0");
    }

    private static final String GOOD_CODE = "a".repeat(59);
    private static final String BAD_CODE = "a".repeat(59) + "!";

    /**
     * A $expand (no code) or $validate-code of {@code code} against a tx-resource value set whose
     * only include is a regex filter over a tx-resource code system of a's (the tx-ecosystem test
     * regex-bad/expand-regex-bad-2): a code that almost matches makes a backtracking matcher try
     * every way of splitting its a's.
     */
    static String regexRequest(String pattern, String code) {
        String system = "http://example.org/cs/regex-bad";
        return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
                + "\"http://example.org/vs/regex-bad\"}," + (code == null ? "" : "{\"name\":\"code\",\"valueCode\":\""
                + code + "\"},{\"name\":\"system\",\"valueUri\":\"" + system + "\"},")
                + "{\"name\":\"tx-resource\",\"resource\":{\"resourceType\":\"CodeSystem\",\"url\":\"" + system
                + "\",\"status\":\"active\",\"content\":\"complete\",\"concept\":[{\"code\":\"" + GOOD_CODE
                + "\",\"display\":\"Good\"},{\"code\":\"" + BAD_CODE + "\",\"display\":\"Bad\"}]}},"
                + "{\"name\":\"tx-resource\",\"resource\":{\"resourceType\":\"ValueSet\",\"url\":"
                + "\"http://example.org/vs/regex-bad\",\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\""
                + system + "\",\"filter\":[{\"property\":\"code\",\"op\":\"regex\",\"value\":\"" + pattern
                + "\"}]}]}}}]}";
    }

    /** HL7's engine matches with java.util.regex, unbounded; the catastrophic pattern gets the right answer, in time. */
    @Test
    void catastrophicRegexOfATxResourceIsExpandedWithinTheRequest() throws Exception {
        HttpResponse<String> response = send(new Case("POST", "/ValueSet/$expand", JSON,
                utf8(regexRequest("((a+)+)+", null)), false, Set.of(200), null));
        assertThat(response.statusCode()).as(abbreviate(response.body())).isEqualTo(200);
        org.hl7.fhir.r4.model.ValueSet expansion = (org.hl7.fhir.r4.model.ValueSet) FHIR.newJsonParser()
                .parseResource(response.body());
        assertThat(expansion.getExpansion().getContains()).extracting(c -> c.getCode()).containsExactly(GOOD_CODE);
        assertThat(response.body()).doesNotContain("\\Q");
        assertStillServing();
    }

    @Test
    void catastrophicRegexOfATxResourceIsValidatedWithinTheRequest() throws Exception {
        HttpResponse<String> response = send(new Case("POST", "/ValueSet/$validate-code", JSON,
                utf8(regexRequest("((a+)+)+", BAD_CODE)), false, Set.of(200), null));
        assertThat(response.statusCode()).as(abbreviate(response.body())).isEqualTo(200);
        org.hl7.fhir.r4.model.Parameters result = (org.hl7.fhir.r4.model.Parameters) FHIR.newJsonParser()
                .parseResource(response.body());
        assertThat(value(result, "result").primitiveValue()).isEqualTo("false");
        assertThat(value(result, "message").primitiveValue()).contains("was not found in the value set");
        assertStillServing();
    }

    /** The batch's value set is cheap on its code system's codes; the engine would test it on the entries' codes too. */
    @Test
    void catastrophicRegexOnABatchEntrysCodeIsValidatedWithinTheRequest() throws Exception {
        String entries = ",{\"name\":\"validation\",\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"code\",\"valueCode\":\"" + "a".repeat(70) + "!\"}]}},{\"name\":\"validation\","
                + "\"resource\":{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\""
                + GOOD_CODE + "\"}]}}]}";
        String shared = regexRequest("((a+)+)+", null).replace("\"code\":\"" + BAD_CODE + "\",\"display\":\"Bad\"",
                "\"code\":\"b\",\"display\":\"B\"");
        String body = shared.substring(0, shared.length() - 2) + ",{\"name\":\"system\",\"valueUri\":"
                + "\"http://example.org/cs/regex-bad\"}" + entries;
        HttpResponse<String> response = send(new Case("POST", "/ValueSet/$batch-validate-code", JSON, utf8(body), false,
                Set.of(200), null));
        assertThat(response.statusCode()).as(abbreviate(response.body())).isEqualTo(200);
        org.hl7.fhir.r4.model.Parameters result = (org.hl7.fhir.r4.model.Parameters) FHIR.newJsonParser()
                .parseResource(response.body());
        List<String> results = new ArrayList<>();
        for (org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent validation : result.getParameter()) {
            org.hl7.fhir.r4.model.Parameters one = (org.hl7.fhir.r4.model.Parameters) validation.getResource();
            results.add(value(one, "result").primitiveValue());
        }
        assertThat(results).containsExactly("false", "true");
        assertStillServing();
    }

    /** A pattern neither matcher can evaluate in bounds: the code cannot be validated, and the answer says why. */
    @Test
    void regexThatCannotBeEvaluatedInBoundsDoesNotValidate() throws Exception {
        HttpResponse<String> response = send(new Case("POST", "/ValueSet/$validate-code", JSON,
                utf8(regexRequest("((a+)+)+(?!x)", GOOD_CODE)), false, Set.of(200), null));
        assertThat(response.statusCode()).as(abbreviate(response.body())).isEqualTo(200);
        org.hl7.fhir.r4.model.Parameters result = (org.hl7.fhir.r4.model.Parameters) FHIR.newJsonParser()
                .parseResource(response.body());
        assertThat(value(result, "result").primitiveValue()).isEqualTo("false");
        assertThat(value(result, "message").primitiveValue()).startsWith("The regex '((a+)+)+(?!x)' could not be executed")
                .contains("took too long to evaluate against code '" + BAD_CODE + "'");
        for (String leak : LEAKS) {
            assertThat(response.body()).doesNotContain(leak);
        }
        assertStillServing();
    }

    static String abbreviate(String body) {
        return body.length() > 1500 ? body.substring(0, 1500) + "..." : body;
    }

    /** Most cases are refused (4xx); a few get findings (200), which is the right answer for them. */
    @Test
    void catalogueHasAtLeastFortyRefusals() {
        assertThat(cases().filter(c -> c.getPayload().statuses().stream().allMatch(s -> s >= 400 && s < 500)).count())
                .isGreaterThanOrEqualTo(40);
    }

    HttpResponse<String> send(Case c) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + encodePath(c.path())))
                .timeout(Duration.ofSeconds(10));
        if (c.body() == null) {
            builder.GET();
        } else if (c.chunked()) {
            builder.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body())));
        } else {
            builder.POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        }
        if (c.contentType() != null) {
            builder.header("Content-Type", c.contentType());
        }
        builder.header("Accept", "application/fhir+json");
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keeps the query as given but escapes what java.net.URI refuses ($ is fine, spaces and brackets are not). */
    static String encodePath(String path) {
        return path.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D").replace("|", "%7C")
                .replace("\"", "%22");
    }

    static void assertCleanOutcome(HttpResponse<String> response, String mentions) {
        String body = response.body();
        for (String leak : LEAKS) {
            assertThat(body).as("response leaks %s", leak).doesNotContain(leak);
        }
        IBaseResource parsed = FHIR.newJsonParser().parseResource(body);
        assertThat(parsed).isInstanceOf(OperationOutcome.class);
        OperationOutcome outcome = (OperationOutcome) parsed;
        assertThat(outcome.getIssue()).isNotEmpty();
        String text = outcome.getIssue().stream().map(i -> i.getDiagnostics() + " " + i.getDetails().getText())
                .reduce("", String::concat);
        if (mentions != null) {
            assertThat(text.toLowerCase(Locale.ROOT)).as("diagnostics").contains(mentions.toLowerCase(Locale.ROOT));
        }
    }

    void assertStillServing() throws Exception {
        HttpResponse<String> good = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + GOOD_LOOKUP))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).isEqualTo(200);
        HttpResponse<String> claim = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + CLAIM))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(exampleClaim())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(claim.statusCode()).isEqualTo(200);
    }
}
