package org.dermcode.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The buffer: one write with Content-Length, big bodies stream, HEAD and empty bodies untouched. */
class ResponseBufferFilterTest {

    private static MockHttpServletResponse run(String method, int limit, FilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ResponseBufferFilter(limit).doFilter(new MockHttpServletRequest(method, "/fhir/metadata"), response, chain);
        return response;
    }

    @Test
    void smallBodyIsSentOnceWithItsLengthDespiteFlushes() throws Exception {
        MockHttpServletResponse response = run("GET", 1024, (req, res) -> {
            res.setContentType("application/fhir+json;charset=UTF-8");
            PrintWriter writer = res.getWriter();
            for (int i = 0; i < 60; i++) {
                writer.write("{\"é\":" + i + "}");
                writer.flush();
                assertThat(res.isCommitted()).isFalse();
            }
        });
        String expected = "{\"é\":0}";
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).startsWith(expected).endsWith("{\"é\":59}");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
    }

    @Test
    void bodyLargerThanTheLimitStreams() throws Exception {
        byte[] chunk = new byte[400];
        MockHttpServletResponse response = run("GET", 1000, (req, res) -> {
            for (int i = 0; i < 5; i++) {
                res.getOutputStream().write(chunk);
            }
            assertThat(res.isCommitted()).isTrue();
        });
        assertThat(response.getContentAsByteArray()).hasSize(2000);
        assertThat(response.getHeader("Content-Length")).isNull();
    }

    @Test
    void headAndEmptyBodiesAreLeftAlone() throws Exception {
        MockHttpServletResponse head = run("HEAD", 1000, (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
        assertThat(head.getHeader("Content-Length")).isNull();
        MockHttpServletResponse notModified = run("GET", 1000, (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(304));
        assertThat(notModified.getStatus()).isEqualTo(304);
        assertThat(notModified.getHeader("Content-Length")).isNull();
        assertThat(notModified.getContentAsByteArray()).isEmpty();
    }
}
