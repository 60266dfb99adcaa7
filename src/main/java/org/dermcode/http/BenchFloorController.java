package org.dermcode.http;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The "floor" of {@code bench/http.sh}: the cheapest JSON answer this stack can give, to which the
 * FHIR operations are compared in the same run. Only under the {@code bench} Spring profile;
 * production has no such endpoint.
 */
@RestController
@Profile("bench")
public class BenchFloorController {

    private static final String BODY = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"result\","
            + "\"valueBoolean\":true}]}";

    @GetMapping(path = "/bench/floor", produces = MediaType.APPLICATION_JSON_VALUE)
    public String floor() {
        return BODY;
    }
}
