package org.dermcode.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.dermcode.ServerIT;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The compact JSON of plain Parameters and expansion answers ({@link CompactJsonResponseWriter}) is what HAPI
 * itself sends: the same text as HAPI's parser gives for the same resource, the same headers, and
 * HAPI still answers the requests it steps aside for (pretty, XML); gzip is kept.
 */
class CompactJsonResponseWriterIT extends ServerIT {

    private static final String LOOKUP = "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=17311";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void lookupAnswerIsTheTextHapiWouldWrite() throws Exception {
        HttpResponse<byte[]> compact = get(LOOKUP + "&property=*");
        HttpResponse<byte[]> pretty = get(LOOKUP + "&property=*&_pretty=true");

        assertThat(compact.statusCode()).isEqualTo(200);
        assertThat(compact.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8")
                .isEqualTo(pretty.headers().firstValue("Content-Type"));
        // the pretty answer is HAPI's own encoding; re-encoded compactly by HAPI it is our compact text
        Parameters fromPretty = FHIR.newJsonParser().parseResource(Parameters.class, text(pretty));
        assertThat(text(pretty)).contains("\n");
        assertThat(text(compact)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(fromPretty))
                .contains("\"name\":\"property\"");
    }

    @Test
    void validateCodeAnswerIsTheTextHapiWouldWrite() throws Exception {
        String path = "/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-em"
                + "&system=http://www.ama-assn.org/go/cpt&code=99213";
        HttpResponse<byte[]> compact = get(path);
        Parameters fromPretty = FHIR.newJsonParser().parseResource(Parameters.class, text(get(path + "&_pretty=true")));
        assertThat(text(compact)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(fromPretty))
                .contains("\"valueBoolean\":true");
    }

    @Test
    void expandAnswerIsTheTextHapiWouldWrite() throws Exception {
        String path = "/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures&filter=biopsy"
                + "&includeDesignations=true&count=5";
        HttpResponse<byte[]> compact = get(path);
        HttpResponse<byte[]> pretty = get(path + "&_pretty=true");
        assertThat(compact.headers().firstValue("Content-Type")).isEqualTo(pretty.headers().firstValue("Content-Type"));
        ValueSet fromPretty = FHIR.newJsonParser().parseResource(ValueSet.class, text(pretty));
        // identifier and timestamp are made afresh for each expansion
        ValueSet fromCompact = FHIR.newJsonParser().parseResource(ValueSet.class, text(compact));
        fromPretty.getExpansion().setIdentifier(fromCompact.getExpansion().getIdentifier())
                .setTimestampElement(fromCompact.getExpansion().getTimestampElement());
        assertThat(text(compact)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(fromPretty))
                .contains("\"designation\"");
    }

    @Test
    void xmlIsStillHapisAndJsonKeepsItsContentType() throws Exception {
        HttpResponse<byte[]> xml = get(LOOKUP + "&_format=xml");
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        assertThat(text(xml)).startsWith("<Parameters");

        HttpResponse<byte[]> accept = get(LOOKUP, "Accept", "application/fhir+xml");
        assertThat(text(accept)).startsWith("<Parameters");

        HttpResponse<byte[]> json = get(LOOKUP, "Accept", "application/json");
        HttpResponse<byte[]> jsonByHapi = get(LOOKUP + "&_pretty=true", "Accept", "application/json");
        assertThat(json.headers().firstValue("Content-Type")).isEqualTo(jsonByHapi.headers().firstValue("Content-Type"));
        assertThat(text(json)).startsWith("{\"resourceType\":\"Parameters\"");
    }

    @Test
    void gzipIsAnsweredGzipped() throws Exception {
        HttpResponse<byte[]> plain = get(LOOKUP);
        HttpResponse<byte[]> gzip = get(LOOKUP, "Accept-Encoding", "gzip");
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text(plain));
        }
    }

    @Test
    void aCodeOutsideTheValueSetIsAnsweredAsHapiWouldWriteIt() throws Exception {
        HttpResponse<byte[]> invalid = get("/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-em"
                + "&system=http://www.ama-assn.org/go/cpt&code=11102");
        assertThat(invalid.statusCode()).isEqualTo(200);
        Parameters answer = FHIR.newJsonParser().parseResource(Parameters.class, text(invalid));
        assertThat(text(invalid)).isEqualTo(FHIR.newJsonParser().encodeResourceToString(answer));
        assertThat(value(answer, "result").primitiveValue()).isEqualTo("false");
    }
}
