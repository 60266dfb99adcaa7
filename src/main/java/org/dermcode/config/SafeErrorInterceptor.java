package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no stack trace or class name reaches a client: unexpected exceptions become a plain
 * 500 OperationOutcome (logged here with the request id, never with the request body), and parse
 * errors become 400.
 */
@Interceptor
final class SafeErrorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable exception) {
        if (exception instanceof BaseServerResponseException known) {
            if (known instanceof InternalErrorException) {
                log.error("Internal error in {} (request {})", request.getRequestPath(), request.getRequestId(),
                        known);
                return new InternalErrorException("Internal error; the server log has the details (request id "
                        + request.getRequestId() + ")");
            }
            return known;
        }
        if (exception instanceof DataFormatException) {
            return new InvalidRequestException(parameterNamed(request, exception.getMessage())
                    + "The request could not be parsed: " + exception.getMessage());
        }
        log.error("Unexpected error in {} (request {})", request.getRequestPath(), request.getRequestId(), exception);
        return new InternalErrorException("Internal error; the server log has the details (request id "
                + request.getRequestId() + ")");
    }

    /** "Parameter 'date': " when the message quotes the value of a URL parameter, else "". */
    private static String parameterNamed(RequestDetails request, String message) {
        if (message == null || request.getParameters() == null) {
            return "";
        }
        for (var entry : request.getParameters().entrySet()) {
            for (String value : entry.getValue()) {
                if (value != null && !value.isEmpty() && message.contains("\"" + value + "\"")) {
                    return "Parameter '" + entry.getKey() + "': ";
                }
            }
        }
        return "";
    }
}
