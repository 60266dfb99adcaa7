package org.dermcode.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query-string check in front of HAPI, and the percent-decoding it shares with the error descriptions. */
class QueryStringFilterTest {

    @Test
    void refusesWhatCannotBeDecoded() {
        assertThat(QueryStringFilter.problem("code=%zz")).contains("percent-encoding");
        assertThat(QueryStringFilter.problem("code=11%2")).contains("percent-encoding");
        assertThat(QueryStringFilter.problem("code=%")).contains("percent-encoding");
        assertThat(QueryStringFilter.problem("code=%FF%FE")).contains("UTF-8");
        assertThat(QueryStringFilter.problem("code=111%0002")).contains("U+0000");
        assertThat(QueryStringFilter.problem("filter=a%0Ab")).contains("U+000A");
        assertThat(QueryStringFilter.problem("filter=a%7Fb")).contains("U+007F");
    }

    @Test
    void letsOrdinaryQueriesThrough() {
        assertThat(QueryStringFilter.problem(null)).isNull();
        assertThat(QueryStringFilter.problem("")).isNull();
        assertThat(QueryStringFilter.problem("system=http://www.ama-assn.org/go/cpt&code=11102&property=*")).isNull();
        assertThat(QueryStringFilter.problem("filter=punch%20bio&count=5")).isNull();
        assertThat(QueryStringFilter.problem("filter=caf%C3%A9+au+lait%09x")).isNull();
        assertThat(QueryStringFilter.problem("display=Tangential%20biopsy%20of%20skin,%20single%20lesion")).isNull();
    }

    @Test
    void describesTomcatRefusalsInItsOwnWords() {
        ErrorDescriptions.Refusal slash = ErrorDescriptions.forTomcat(new ErrorDescriptions.TomcatRequest(400, "GET",
                "HTTP/1.1", "/fhir/CodeSystem/..%2Fetc", true, null, null, null, 32768));
        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.code()).isEqualTo("invalid");
        assertThat(slash.diagnostics()).contains("encoded slash").doesNotContain("etc");
        ErrorDescriptions.Refusal longUrl = ErrorDescriptions.forTomcat(new ErrorDescriptions.TomcatRequest(400, null,
                null, null, false, null, null, org.apache.tomcat.util.res.StringManager.getManager("org.apache.coyote.http11")
                        .getString("iib.requestheadertoolarge.error"), 32768));
        assertThat(longUrl.status()).isEqualTo(414);
        assertThat(longUrl.diagnostics()).contains("32 KB");
        ErrorDescriptions.Refusal method = ErrorDescriptions.forStatus(405, "<script>", "GET");
        assertThat(method.diagnostics()).doesNotContain("<script>").contains("allowed: GET");
    }
}
