package org.dermcode.hardening;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Tomcat's error report, as a FHIR OperationOutcome instead of an HTML page: the answer to a request
 * Tomcat refuses before any servlet sees it (malformed request line, URL or headers over the limit,
 * encoded slash, invalid percent-encoding...) and to any error no servlet wrote a body for. It
 * carries the security headers of {@link SecurityHeadersFilter}, which never ran for such a request,
 * and names the problem ({@link ErrorDescriptions}), with no server version or class name.
 */
public final class OutcomeErrorReportValve extends ErrorReportValve {

    /** Puts this valve in place of the host's error report valves (Tomcat's default, Spring Boot's). */
    public static void install(Host host) {
        if (host instanceof StandardHost standard) {
            // the host adds a valve of this class at start unless one is there: ours is
            standard.setErrorReportValveClass(OutcomeErrorReportValve.class.getName());
        }
        // replace just before the host starts, after every customizer has added its valves
        host.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Pipeline pipeline = host.getPipeline();
                boolean present = false;
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof OutcomeErrorReportValve) {
                        present = true;
                    } else if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                if (!present) {
                    pipeline.addValve(new OutcomeErrorReportValve());
                }
            }
        });
    }

    public OutcomeErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        MimeHeaders headers = coyote.getMimeHeaders();
        ErrorDescriptions.Refusal refusal = ErrorDescriptions.forTomcat(new ErrorDescriptions.TomcatRequest(status,
                coyote.method().toString(), coyote.protocol().toString(), coyote.requestURI().toString(),
                headers.getHeader("host") != null, headers.getHeader("content-length"),
                headers.getHeader("transfer-encoding"), firstLine(throwable), maxHeaderBytes(request)));
        try {
            response.setStatus(refusal.status());
            SecurityHeadersFilter.setHeaders(coyote.requestURI().toString(), response);
            boolean xml = OutcomeResponses.wantsXml(headers.getHeader("accept"), coyote.queryString().toString());
            response.setContentType(xml ? OutcomeResponses.XML : OutcomeResponses.JSON);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(OutcomeResponses.body(xml, refusal.code(), refusal.diagnostics()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed: nothing more to send
        }
    }

    private static String firstLine(Throwable throwable) {
        if (throwable == null || throwable.getMessage() == null) {
            return null;
        }
        String message = throwable.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static int maxHeaderBytes(Request request) {
        return request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() : 0;
    }
}
