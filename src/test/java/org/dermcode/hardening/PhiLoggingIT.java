package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.ServerIT;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No PHI in the logs at any level: claims with a recognisable patient reference, name, birth date
 * and diagnosis are validated (clean, with findings, broken, over a limit) with org.dermcode and
 * ca.uhn at DEBUG, and none of those values appears in any log event or its stack trace.
 */
class PhiLoggingIT extends ServerIT {

    static final String REFERENCE = "Patient/zq-4471-phi";
    static final String NAME = "Quackenbush";
    static final String GIVEN = "Zebulon";
    static final String BIRTH = "1937-02-11";
    static final String DIAGNOSIS = "C43.39";
    static final String MEMBER_ID = "MBR-99173-PHI";

    static String claim(String patientExtra, String items) {
        return "{\"resourceType\":\"Claim\",\"id\":\"phi-test\",\"status\":\"active\","
                + "\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"pt\",\"identifier\":[{\"value\":\"" + MEMBER_ID + "\"}],"
                + "\"name\":[{\"family\":\"" + NAME + "\",\"given\":[\"" + GIVEN + "\"]}],\"birthDate\":\"" + BIRTH + "\""
                + patientExtra + "}],"
                + "\"type\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/claim-type\",\"code\":\"professional\"}]},"
                + "\"use\":\"claim\",\"patient\":{\"reference\":\"" + REFERENCE + "\",\"display\":\"" + GIVEN + " " + NAME + "\"},"
                + "\"created\":\"2024-03-01\",\"provider\":{\"reference\":\"Practitioner/d1\"},"
                + "\"priority\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/processpriority\",\"code\":\"normal\"}]},"
                + "\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"reference\":\"Coverage/c1\"}}],"
                + "\"diagnosis\":[{\"sequence\":1,\"diagnosisCodeableConcept\":{\"coding\":[{\"system\":"
                + "\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"" + DIAGNOSIS + "\",\"display\":\"Malignant melanoma of"
                + " other parts of face\"}]}}],\"item\":[" + items + "]}";
    }

    static String item(int sequence, String code) {
        return "{\"sequence\":" + sequence + ",\"diagnosisSequence\":[1],\"productOrService\":{\"coding\":[{\"system\":"
                + "\"http://www.ama-assn.org/go/cpt\",\"code\":\"" + code + "\"}]},\"servicedDate\":\"2024-02-27\","
                + "\"quantity\":{\"value\":1}}";
    }

    @Test
    void validatingClaimsWritesNoPhiToTheLog() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger dermcode = logging.getLogger("org.dermcode");
        Logger hapi = logging.getLogger("ca.uhn");
        Level dermcodeLevel = dermcode.getLevel();
        Level hapiLevel = hapi.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        dermcode.setLevel(Level.DEBUG);
        hapi.setLevel(Level.DEBUG);
        List<Integer> statuses = new ArrayList<>();
        try {
            // clean, with findings, broken values (HAPI's lenient parser reports them), over a limit, not JSON
            statuses.add(post(claim("", item(1, "11102"))));
            statuses.add(post(claim("", item(1, "11103") + "," + item(2, "99213"))));
            statuses.add(post(claim(",\"gender\":\"" + GIVEN + "\"", item(1, "11102"))));
            statuses.add(post(claim(",\"favouriteColour\":\"" + NAME + "\"", item(1, "11102"))));
            statuses.add(post(claim("", item(1, "11102")).replace("\"birthDate\":\"" + BIRTH + "\"",
                    "\"birthDate\":\"" + BIRTH + "-" + NAME + "\"")));
            statuses.add(post(claim("", item(1, "11102")).replace("\"quantity\":{\"value\":1}",
                    "\"quantity\":{\"value\":-1}")));
            statuses.add(post(claim("", item(1, "11102")).replace("\"status\":\"active\"",
                    "\"status\":\"" + NAME + "\"")));
            statuses.add(post(claim("", item(1, "11102")).substring(0, 400)));
        } finally {
            root.detachAppender(captured);
            dermcode.setLevel(dermcodeLevel);
            hapi.setLevel(hapiLevel);
        }
        assertThat(statuses).contains(200, 400, 422);
        assertThat(captured.list).as("the validation was logged at all").anyMatch(e -> e.getFormattedMessage()
                .contains("Validated claim phi-test"));
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String phi : List.of(REFERENCE, "zq-4471", NAME, GIVEN, BIRTH, DIAGNOSIS, MEMBER_ID, "melanoma")) {
                assertThat(text).as("log event of %s", event.getLoggerName()).doesNotContain(phi);
            }
        }
    }

    private int post(String body) throws Exception {
        HttpResponse<String> response = HostileInputIT.HTTP.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/Claim/$validate-claim")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
