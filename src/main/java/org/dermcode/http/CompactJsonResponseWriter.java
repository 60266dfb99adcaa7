package org.dermcode.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.RestfulServerUtils.ResponseEncoding;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Writes a plain {@link Parameters} answer with {@link ParametersJson}, and a plain {@link ValueSet}
 * expansion with {@link ValueSetJson}, instead of HAPI's parser, through HAPI's own response writer
 * (same status, content type, charset and gzip). It runs after
 * every other outgoing-response hook (the HTML highlighter among them), and steps aside for
 * anything that changes the encoding: XML or HTML, {@code _pretty}, {@code _summary},
 * {@code _elements}, {@code _count}; HAPI then encodes as before.
 */
@Interceptor
public final class CompactJsonResponseWriter {

    private static final String[] ENCODING_OPTIONS = {
        Constants.PARAM_SUMMARY, Constants.PARAM_ELEMENTS, Constants.PARAM_ELEMENTS + Constants.PARAM_ELEMENTS_EXCLUDE_MODIFIER,
        Constants.PARAM_COUNT
    };

    /** @return false when the answer was written here */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Integer.MAX_VALUE)
    public boolean outgoingResponse(RequestDetails request, ResponseDetails response) throws IOException {
        IBaseResource resource = response.getResponseResource();
        if (!(resource instanceof Parameters) && !(resource instanceof ValueSet)) {
            return true;
        }
        ResponseEncoding encoding = RestfulServerUtils.determineResponseEncodingWithDefault(request);
        if (encoding.getEncoding() != EncodingEnum.JSON || !plainEncodingRequested(request)) {
            return true;
        }
        if (resource instanceof Parameters parameters && ParametersJson.writable(parameters)) {
            Writer writer = writer(request, response, encoding);
            ParametersJson.write(parameters, writer);
            request.getResponse().commitResponse(writer);
            return false;
        }
        if (resource instanceof ValueSet valueSet && ValueSetJson.writable(valueSet)) {
            Writer writer = writer(request, response, encoding);
            ValueSetJson.write(valueSet, writer);
            request.getResponse().commitResponse(writer);
            return false;
        }
        return true;
    }

    private static Writer writer(RequestDetails request, ResponseDetails response, ResponseEncoding encoding)
            throws IOException {
        return request.getResponse().getResponseWriter(response.getResponseCode(), encoding.getResourceContentType(),
                Constants.CHARSET_NAME_UTF8, request.isRespondGzip());
    }

    /** No _pretty, _summary, _elements or _count: the options that change HAPI's encoding. */
    private static boolean plainEncodingRequested(RequestDetails request) {
        if (RestfulServerUtils.prettyPrintResponse(request.getServer(), request)) {
            return false;
        }
        Map<String, String[]> parameters = request.getParameters();
        for (String option : ENCODING_OPTIONS) {
            if (parameters.containsKey(option)) {
                return false;
            }
        }
        return true;
    }
}
