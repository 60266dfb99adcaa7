package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pre-parse checks, and the fuzzer's findings that they now stop. */
class RequestBodyGuardTest {

    private static void refused(String body, String mentions) {
        assertThatThrownBy(() -> RequestBodyGuard.checkBody(body.getBytes(StandardCharsets.UTF_8), "application/fhir+json"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(mentions);
    }

    @Test
    void fuzzFindingEmptyPropertyNameIsRefusedBeforeHapiParsesIt() throws Exception {
        // HAPI's JsonParser threw StringIndexOutOfBoundsException (a 500) on "": {...}
        byte[] crash = Files.readAllBytes(Path.of("src/test/resources/fuzz-findings/json-empty-property-name.json"));
        assertThatThrownBy(() -> RequestBodyGuard.checkBody(crash, "application/fhir+json"))
                .isInstanceOf(InvalidRequestException.class);
        // the input also has invalid UTF-8 bytes; without them the empty name alone is refused
        byte[] utf8 = new String(crash, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestBodyGuard.checkBody(utf8, "application/fhir+json"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty name");
    }

    @Test
    void refusals() {
        refused("{\"resourceType\":\"Claim\",\"\":1}", "empty name");
        refused("{\"a\":1,\"a\":2}", "repeats a property");
        refused("{\"a\":\"x\\u0000y\"}", "control character");
        refused("[".repeat(300) + "]".repeat(300), "nested deeper");
        refused("<?xml version=\"1.0\"?><!DOCTYPE x []><Claim/>", "DOCTYPE");
        assertThatThrownBy(() -> RequestBodyGuard.checkBody(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void ordinaryBodiesPass() throws Exception {
        byte[] example = Files.readAllBytes(Path.of("examples/claims/01-clean-em-with-biopsy.json"));
        assertThatCode(() -> RequestBodyGuard.checkBody(example, "application/fhir+json")).doesNotThrowAnyException();
        assertThatCode(() -> RequestBodyGuard.checkBody("{\"a\":\"tab\\tnew\\nline\"}".getBytes(StandardCharsets.UTF_8),
                null)).doesNotThrowAnyException();
        // a syntax error is left to HAPI's parser, which reports it with its own message
        assertThatCode(() -> RequestBodyGuard.checkBody("{\"a\":".getBytes(StandardCharsets.UTF_8), null))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheTopLevelParametersOfAJsonParametersBodyOnly() {
        String parameters = "{\"parameter\":[{\"name\":\"system\",\"valueUri\":\"http://x\"},"
                + "{\"name\":\"property\",\"part\":[{\"name\":\"code\",\"valueCode\":\"a\"},"
                + "{\"name\":\"code\",\"valueCode\":\"b\"}]},{\"name\":\"code\",\"valueCode\":\"17311\"}],"
                + "\"resourceType\":\"Parameters\"}";
        assertThat(RequestBodyGuard.checkBody(parameters.getBytes(StandardCharsets.UTF_8), "application/fhir+json"))
                .containsExactly("system", "property", "code");
        assertThat(RequestBodyGuard.checkBody("{\"resourceType\":\"Claim\",\"parameter\":[{\"name\":\"code\"}]}"
                .getBytes(StandardCharsets.UTF_8), "application/fhir+json")).isNull();
    }

    @Test
    void namesTheTopLevelParametersOfAnXmlParametersBodyOnly() {
        String parameters = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Parameters xmlns=\"http://hl7.org/fhir\">"
                + "<parameter><name value=\"system\"/><valueUri value=\"http://x\"/></parameter>"
                + "<parameter><name value=\"property\"/><part><name value=\"code\"/><valueCode value=\"a\"/></part>"
                + "<part><name value=\"code\"/><valueCode value=\"b\"/></part></parameter>"
                + "<parameter><name value=\"code\"/><valueCode value=\"17311\"/></parameter>"
                + "<parameter><name value=\"code\"/><valueCode value=\"99213\"/></parameter></Parameters>";
        assertThat(RequestBodyGuard.checkBody(parameters.getBytes(StandardCharsets.UTF_8), "application/fhir+xml"))
                .containsExactly("system", "property", "code", "code");
        // a Claim, a Parameters outside the FHIR namespace and broken XML name no parameters
        assertThat(RequestBodyGuard.checkBody(("<Claim xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"code\"/>"
                + "</parameter></Claim>").getBytes(StandardCharsets.UTF_8), "application/fhir+xml")).isNull();
        assertThat(RequestBodyGuard.checkBody("<Parameters><parameter><name value=\"code\"/></parameter></Parameters>"
                .getBytes(StandardCharsets.UTF_8), "application/fhir+xml")).isNull();
        assertThat(RequestBodyGuard.checkBody("<Parameters xmlns=\"http://hl7.org/fhir\"><parameter>"
                .getBytes(StandardCharsets.UTF_8), "application/fhir+xml")).isNull();
    }
}
