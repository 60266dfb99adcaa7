package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.hardening.RequestBodyGuard;

/**
 * {@code Prefer: handling=strict} (FHIR's way to ask for it, http.html#prefer): an operation
 * parameter the operation does not define, in the URL or in a POSTed Parameters resource, is a 400
 * naming it and the parameters the operation knows. Without the header (the default, lenient
 * handling) unknown parameters are ignored, as FHIR allows. The known names are the operation's
 * {@code @OperationParam} names, plus the general parameters {@value #GENERAL}. Searches need no
 * help: HAPI already refuses a search parameter it does not know.
 */
@Interceptor
public final class StrictHandlingInterceptor {

    static final String GENERAL = "_format, _pretty, _summary, _elements";
    private static final Set<String> GENERAL_NAMES = Set.of("_format", "_pretty", "_summary", "_elements");

    private volatile Map<String, Set<String>> known;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        if (request.getOperation() == null || !strict(request.getHeaders("Prefer"))) {
            return true;
        }
        Set<String> names = known(request).get(key(request.getResourceName(), request.getOperation()));
        if (names == null) {
            return true;
        }
        List<String> given = new ArrayList<>(request.getParameters() == null ? Set.of() : request.getParameters().keySet());
        String method = request.getRequestType() == null ? "" : request.getRequestType().name();
        byte[] body = method.equals("POST") ? request.loadRequestContents() : null;
        if (body != null && body.length > 0) {
            List<String> bodyNames = RequestBodyGuard.checkBody(body, request.getHeader("Content-Type"));
            if (bodyNames != null) {
                given.addAll(bodyNames);
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : given) {
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (!names.contains(base) && !GENERAL_NAMES.contains(base)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException((unknown.size() == 1 ? "Unknown parameter '" : "Unknown parameters '")
                    + String.join("', '", unknown) + "' for " + request.getOperation()
                    + " (Prefer: handling=strict); it knows " + String.join(", ", new TreeSet<>(names))
                    + " and " + GENERAL);
        }
        return true;
    }

    /** True when one of the Prefer headers asks for handling=strict. */
    static boolean strict(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return false;
        }
        for (String header : preferHeaders) {
            for (String preference : header.split("[,;]")) {
                String p = preference.strip().toLowerCase(Locale.ROOT).replace(" ", "");
                if (p.equals("handling=strict") || p.equals("handling=\"strict\"")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, Set<String>> known(RequestDetails request) {
        Map<String, Set<String>> result = known;
        if (result == null && request.getServer() instanceof RestfulServer server) {
            result = new HashMap<>();
            List<Object> providers = new ArrayList<>(server.getResourceProviders());
            providers.addAll(server.getPlainProviders());
            for (Object provider : providers) {
                String resource = provider instanceof IResourceProvider resourceProvider
                        ? resourceProvider.getResourceType().getSimpleName() : null;
                for (Method method : provider.getClass().getMethods()) {
                    Operation operation = method.getAnnotation(Operation.class);
                    if (operation == null) {
                        continue;
                    }
                    String type = operation.type() != null && operation.type() != org.hl7.fhir.instance.model.api.IBaseResource.class
                            ? operation.type().getSimpleName() : resource;
                    Set<String> names = result.computeIfAbsent(key(type, operation.name()), k -> new HashSet<>());
                    for (Parameter parameter : method.getParameters()) {
                        OperationParam param = parameter.getAnnotation(OperationParam.class);
                        if (param != null) {
                            names.add(param.name());
                        }
                    }
                }
            }
            known = result;
        }
        return result == null ? Map.of() : result;
    }

    private static String key(String resource, String operation) {
        String name = operation.startsWith("$") ? operation : "$" + operation;
        return (resource == null ? "" : resource) + "/" + name;
    }
}
