package org.dermcode.hardening;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring Boot's error page (what {@code /error} answers for a 404 outside /fhir, a wrong method on
 * an actuator endpoint, an exception in a Spring controller) as a FHIR OperationOutcome instead of
 * Spring's own JSON. It replaces Spring's {@code BasicErrorController}.
 */
@Controller
public class OutcomeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // /error asked for directly has no error status: there is nothing at that path
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        ErrorDescriptions.Refusal refusal = status == 400
                ? ErrorDescriptions.forTomcat(new ErrorDescriptions.TomcatRequest(400, request.getMethod(),
                        request.getProtocol(), String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)),
                        true, null, null, null, 0))
                : ErrorDescriptions.forStatus(status, request.getMethod(), response.getHeader("Allow"));
        response.resetBuffer();
        OutcomeResponses.write(request, response, refusal.status(), refusal.code(), refusal.diagnostics());
    }
}
