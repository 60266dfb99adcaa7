package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** How HAPI's parser quotes a bad primitive value: {@code Invalid attribute value "2024-13-45"}. */
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid attribute value \"([^\"]*)\"");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable exception) {
        if (exception instanceof BaseServerResponseException known) {
            if (known instanceof InternalErrorException) {
                log.error("Internal error in {} (request {})", request.getRequestPath(), request.getRequestId(),
                        withoutMessages(known));
                return new InternalErrorException("Internal error; the server log has the details (request id "
                        + request.getRequestId() + ")");
            }
            if (known instanceof InvalidRequestException && known.getMessage() != null
                    && known.getMessage().contains("Failed to parse request body")) {
                String named = parameterNamedInBody(request, known.getMessage());
                if (!named.isEmpty()) {
                    return new InvalidRequestException(named + known.getMessage());
                }
            }
            if (known.getStatusCode() == 400 && known.getMessage() != null
                    && known.getMessage().contains("Incorrect Content-Type header")) {
                return new UnclassifiedServerFailureException(415, clean(known.getMessage())
                        + " (send application/fhir+json or application/fhir+xml)");
            }
            if (known.getMessage() != null && JAVA_NAME.matcher(known.getMessage()).find()) {
                return new UnclassifiedServerFailureException(known.getStatusCode(), clean(known.getMessage()));
            }
            return known;
        }
        if (exception instanceof NumberFormatException || exception.getCause() instanceof NumberFormatException) {
            return new InvalidRequestException(parameterNamed(request, exception.getMessage())
                    + "The request could not be parsed: not a valid integer (" + clean(exception.getMessage()) + ")");
        }
        if (exception instanceof DataFormatException) {
            return new InvalidRequestException(parameterNamed(request, exception.getMessage())
                    + "The request could not be parsed: " + clean(exception.getMessage()));
        }
        log.error("Unexpected error in {} (request {})", request.getRequestPath(), request.getRequestId(),
                withoutMessages(exception));
        return new InternalErrorException("Internal error; the server log has the details (request id "
                + request.getRequestId() + ")");
    }

    /**
     * The exception chain with its stack traces but without its messages, which may quote values of
     * the request (a claim's PHI): the log gets where it failed, not what the claim held.
     */
    static Throwable withoutMessages(Throwable exception) {
        return redact(exception, 0);
    }

    private static Throwable redact(Throwable exception, int depth) {
        Throwable cause = exception.getCause() != null && exception.getCause() != exception && depth < 10
                ? redact(exception.getCause(), depth + 1) : null;
        Throwable copy = new RedactedException(exception.getClass().getName(), cause);
        copy.setStackTrace(exception.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message is not logged. */
    static final class RedactedException extends RuntimeException {
        RedactedException(String type, Throwable cause) {
            super(type + " (message not logged: it may quote request content)", cause);
        }
    }

    /** A Java class name in a message: {@code java.lang.NumberFormatException}, {@code org.foo.Bar}. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|com|org|ca|net)\\.(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?::\\s*)?");

    /** The message without Java class names (HAPI quotes the cause's class in some parse errors). */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        return JAVA_NAME.matcher(message).replaceAll("").replace(" null", "").strip();
    }

    /**
     * "Parameter 'date': " when a posted Parameters body could not be parsed because of the value of
     * one parameter (HAPI's message quotes the value, not the parameter's name), else "".
     */
    private static String parameterNamedInBody(RequestDetails request, String message) {
        Matcher invalid = INVALID_VALUE.matcher(message);
        if (!invalid.find()) {
            return "";
        }
        byte[] contents;
        try {
            contents = request.loadRequestContents();
        } catch (RuntimeException e) {
            return "";
        }
        if (contents == null || contents.length == 0) {
            return "";
        }
        String body = new String(contents, StandardCharsets.UTF_8);
        String value = Pattern.quote(invalid.group(1));
        Matcher json = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"value[A-Z]\\w*\"\\s*:\\s*\""
                + value + "\"").matcher(body);
        if (json.find()) {
            return "Parameter '" + json.group(1) + "': ";
        }
        Matcher xml = Pattern.compile("<name\\s+value=\"([^\"]+)\"\\s*/>\\s*<value[A-Z]\\w*\\s+value=\""
                + value + "\"").matcher(body);
        return xml.find() ? "Parameter '" + xml.group(1) + "': " : "";
    }

    /** "Parameter 'date': " when the message quotes the value of a URL parameter, else "". */
    private static String parameterNamed(RequestDetails request, String message) {
        if (message == null || request.getParameters() == null) {
            return "";
        }
        for (var entry : request.getParameters().entrySet()) {
            for (String value : entry.getValue()) {
                if (value != null && !value.isEmpty()
                        && (message.contains("\"" + value + "\"") || message.contains("'" + value + "'"))) {
                    return "Parameter '" + entry.getKey() + "': ";
                }
            }
        }
        return "";
    }
}
