package org.dermcode.terminology;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.DataType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.StringType;

/**
 * All the parameters of one terminology operation call, in the engine's (R5) form: the POSTed
 * Parameters resource, or the URL's query parameters, plus the {@code Accept-Language} header.
 * The {@code tx-resource}s travel apart (they go into the request's context, not to the engine
 * as parameters).
 */
record TxRequest(Parameters parameters, List<IBaseResource> resources, String acceptLanguage) {

    static TxRequest of(RequestDetails details) {
        return of(body(details), details.getParameters(), details.getHeader("Accept-Language"));
    }

    /** One call's parameters: a Parameters body (or null), query parameters (or null) and the Accept-Language header. */
    static TxRequest of(org.hl7.fhir.r4.model.Parameters body, Map<String, String[]> query, String acceptLanguage) {
        Parameters parameters = new Parameters();
        List<IBaseResource> resources = new ArrayList<>();
        if (body != null) {
            for (org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent p : body.getParameter()) {
                if (p.getName() == null) {
                    continue;
                }
                if (p.getName().equals("tx-resource")) {
                    if (p.getResource() != null) {
                        resources.add(p.getResource());
                    }
                    continue;
                }
                org.hl7.fhir.r4.model.Parameters single = new org.hl7.fhir.r4.model.Parameters();
                single.addParameter(p.copy());
                Parameters converted = (Parameters) TxEngine.toR5(single);
                parameters.getParameter().addAll(converted.getParameter());
            }
        }
        if (query != null) {
            for (Map.Entry<String, String[]> entry : query.entrySet()) {
                if (entry.getKey().startsWith("_") || body != null && parameters.hasParameter(entry.getKey())) {
                    continue;
                }
                for (String value : entry.getValue()) {
                    parameters.addParameter(entry.getKey(), new StringType(value));
                }
            }
        }
        return new TxRequest(parameters, resources, acceptLanguage);
    }

    static org.hl7.fhir.r4.model.Parameters body(RequestDetails details) {
        if (details.getResource() instanceof org.hl7.fhir.r4.model.Parameters p) {
            return p;
        }
        for (Object value : details.getUserData().values()) {
            if (value instanceof org.hl7.fhir.r4.model.Parameters p) {
                return p;
            }
        }
        return null;
    }

    boolean has(String name) {
        return parameters.hasParameter(name);
    }

    String text(String name) {
        DataType value = parameters.getParameterValue(name);
        return value == null ? null : value.primitiveValue();
    }

    org.hl7.fhir.instance.model.api.IPrimitiveType<?> primitive(String name) {
        return parameters.getParameterValue(name) instanceof org.hl7.fhir.instance.model.api.IPrimitiveType<?> p
                ? p : null;
    }

    DataType value(String name) {
        return parameters.getParameterValue(name);
    }

    org.hl7.fhir.r5.model.Resource resource(String name) {
        for (ParametersParameterComponent p : parameters.getParameter()) {
            if (p.getName().equals(name) && p.hasResource()) {
                return p.getResource();
            }
        }
        return null;
    }

    boolean isTrue(String name) {
        return "true".equalsIgnoreCase(text(name));
    }

    List<ParametersParameterComponent> all(String name) {
        List<ParametersParameterComponent> result = new ArrayList<>();
        for (ParametersParameterComponent p : parameters.getParameter()) {
            if (p.getName().equals(name)) {
                result.add(p);
            }
        }
        return result;
    }
}
