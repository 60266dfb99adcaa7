package org.dermcode.hardening;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Checks a request before HAPI parses it: a body must be valid UTF-8; XML must carry no DOCTYPE
 * (so no entity, internal or external, is ever declared: XXE and "billion laughs" are refused
 * outright, on top of HAPI's parser, which does not support DTDs) and nest at most
 * {@value #MAX_XML_DEPTH} elements; JSON must repeat no property,
 * nest at most {@value #MAX_JSON_DEPTH} levels and hold no control characters in strings; and the
 * single-valued parameters of the terminology operations must not be repeated, in the URL or in a
 * POSTed Parameters resource, JSON or XML (HAPI would silently take the first).
 */
@Interceptor
public final class RequestBodyGuard {

    static final int MAX_JSON_DEPTH = 200;
    static final int MAX_XML_DEPTH = 200;

    /** Parameters of the terminology operations that FHIR defines with max = 1. */
    static final Set<String> SINGLE_VALUED = Set.of("url", "valueSet", "valueSetVersion", "system", "systemVersion",
            "version", "code", "display", "date", "count", "offset", "filter", "activeOnly", "includeDesignations",
            "includeDefinition", "excludeNested", "displayLanguage", "codeA", "codeB", "source", "target",
            "targetsystem", "reverse", "abstract", "context");

    private static final String FHIR_NS = "http://hl7.org/fhir";

    private static final XMLInputFactory XML = xmlFactory();

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
            .build();

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        checkRepeatedParameters(request);
        String method = request.getRequestType() == null ? "" : request.getRequestType().name();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return true;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return true;
        }
        List<String> parameterNames = checkBody(body, request.getHeader("Content-Type"));
        if (parameterNames != null && request.getOperation() != null
                && !"$validate-claim".equals(request.getOperation())) {
            // the Claim operation has its own, clearer message for a repeated 'resource'
            checkRepeated(request.getOperation(), parameterNames, "in the Parameters body");
        }
        return true;
    }

    /**
     * The checks on a request body (also called by the fuzz tests).
     *
     * @return for a Parameters resource (JSON or XML), the names of its top-level parameters (in
     *         order); otherwise null
     * @throws InvalidRequestException naming the problem
     */
    public static List<String> checkBody(byte[] body, String contentTypeHeader) {
        String contentType = String.valueOf(contentTypeHeader).toLowerCase(Locale.ROOT);
        if (!contentType.contains("charset") || contentType.contains("utf-8")) {
            checkUtf8(body);
        }
        int first = firstNonWhitespace(body);
        if (first >= 0 && body[first] == '<') {
            checkNoDoctype(body);
            return checkXml(body);
        } else if (first >= 0 && (body[first] == '{' || body[first] == '[')) {
            return checkJson(body);
        }
        return null;
    }

    private static void checkRepeatedParameters(RequestDetails request) {
        String operation = request.getOperation();
        Map<String, String[]> parameters = request.getParameters();
        if (operation == null || parameters == null) {
            return;
        }
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            refuseIfRepeated(operation, entry.getKey(), entry.getValue() == null ? 0 : entry.getValue().length, "");
        }
    }

    /** A single-valued parameter named more than once in a POSTed Parameters resource (HAPI would take the first). */
    private static void checkRepeated(String operation, List<String> names, String where) {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : names) {
            counts.merge(name, 1, Integer::sum);
        }
        for (String name : names) {
            refuseIfRepeated(operation, name, counts.get(name), " " + where);
        }
    }

    private static void refuseIfRepeated(String operation, String name, int count, String where) {
        if (count > 1 && SINGLE_VALUED.contains(name)) {
            throw new InvalidRequestException("Parameter '" + name + "' is repeated (" + count + " times)" + where
                    + "; " + operation + " accepts it at most once");
        }
    }

    private static int firstNonWhitespace(byte[] body) {
        int i = 0;
        // skip a UTF-8 byte order mark
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < body.length; i++) {
            if (!Character.isWhitespace(body[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void checkUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("The request body is not valid UTF-8: send UTF-8 encoded FHIR content");
        }
    }

    private static void checkNoDoctype(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
            throw new InvalidRequestException("XML with a DOCTYPE or entity declarations is not accepted (FHIR XML has no"
                    + " DTD); remove the DOCTYPE");
        }
    }

    /**
     * One pass over an XML body: refuses nesting deeper than {@value #MAX_XML_DEPTH} elements (the
     * profile validator recurses per level: 900 nested extensions overflowed its stack, a 500), and
     * returns the names of the top-level parameters of a FHIR Parameters resource, in order
     * ({@code <Parameters><parameter><name value="code"/>}; not the names of parts), or null for
     * any other root or XML that does not parse (HAPI's parser then reports it). Called after the
     * DOCTYPE check, on a reader that resolves no entity anyway.
     */
    private static List<String> checkXml(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            List<String> names = new ArrayList<>();
            boolean parameters = false;
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                depth++;
                if (depth > MAX_XML_DEPTH) {
                    throw new InvalidRequestException("The XML body is nested deeper than " + MAX_XML_DEPTH
                            + " elements (nesting depth limit)");
                }
                boolean fhir = FHIR_NS.equals(reader.getNamespaceURI());
                if (depth == 1) {
                    parameters = fhir && "Parameters".equals(reader.getLocalName());
                } else if (parameters && depth == 3 && fhir && "name".equals(reader.getLocalName())) {
                    String value = reader.getAttributeValue(null, "value");
                    if (value != null) {
                        names.add(value);
                    }
                }
            }
            return parameters ? names : null;
        } catch (XMLStreamException e) {
            return null;
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing held open: the input is a byte array
                }
            }
        }
    }

    private static List<String> checkJson(byte[] body) {
        List<String> parameterNames = new ArrayList<>();
        String resourceType = null;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            int depth = 0;
            boolean inParameterArray = false;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    inParameterArray |= depth == 2 && token == JsonToken.START_ARRAY
                            && "parameter".equals(parser.currentName());
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    inParameterArray &= depth >= 2;
                } else if (token == JsonToken.VALUE_STRING && depth == 1 && "resourceType".equals(parser.currentName())) {
                    resourceType = parser.getText();
                } else if (token == JsonToken.VALUE_STRING && depth == 3 && inParameterArray
                        && "name".equals(parser.currentName())) {
                    parameterNames.add(parser.getText());
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    String text = parser.getText();
                    if (token == JsonToken.FIELD_NAME && text.isEmpty()) {
                        // HAPI's JSON parser fails on "": {...} with an internal error (found by fuzzing)
                        throw new InvalidRequestException("The JSON body has a property with an empty name at line "
                                + parser.currentLocation().getLineNr());
                    }
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                            throw new InvalidRequestException("The JSON body holds a control character (U+"
                                    + String.format("%04X", (int) c) + ") in a string at line "
                                    + parser.currentLocation().getLineNr() + "; FHIR strings may not contain them");
                        }
                    }
                }
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException("The JSON body is nested deeper than " + MAX_JSON_DEPTH
                    + " levels (nesting depth limit)");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new InvalidRequestException("The JSON body repeats a property: " + message.replace("Duplicate field",
                        "duplicate property") + " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr());
            }
            // other syntax errors: HAPI's parser reports them with its own message
            return null;
        } catch (IOException e) {
            throw new InvalidRequestException("The request body could not be read");
        }
        return "Parameters".equals(resourceType) ? parameterNames : null;
    }

    /** For tests: the names checked for repetition. */
    static List<String> singleValued() {
        return List.copyOf(SINGLE_VALUED);
    }
}
