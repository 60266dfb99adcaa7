package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.TimeUnit;

/**
 * Times every FHIR request: {@code dermcode.fhir.requests} tagged with the operation
 * ({@code $lookup}, {@code $validate-claim}, {@code read}, {@code search-type}, {@code metadata}...),
 * the resource type and the HTTP status. Tags come from the handler HAPI chose, never from the raw
 * URL, so an unknown path cannot add a new time series ({@code operation=unmatched}).
 */
@Interceptor
final class FhirRequestMetricsInterceptor {

    static final String METER = "dermcode.fhir.requests";
    private static final String START = FhirRequestMetricsInterceptor.class.getName() + ".start";

    private final MeterRegistry meters;

    FhirRequestMetricsInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean start(HttpServletRequest request) {
        request.setAttribute(START, System.nanoTime());
        return true;
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request, ServletRequestDetails servletRequest) {
        Object start = servletRequest.getServletRequest().getAttribute(START);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        RestOperationTypeEnum type = request.getRestOperationType();
        String operation;
        String resourceType;
        if (type == null) {
            operation = "unmatched";
            resourceType = "none";
        } else {
            boolean extended = type == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                    || type == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                    || type == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
            operation = extended && request.getOperation() != null ? request.getOperation() : type.getCode();
            resourceType = request.getResourceName() == null ? "none" : request.getResourceName();
        }
        int status = servletRequest.getServletResponse().getStatus();
        Timer.builder(METER)
                .description("FHIR requests by operation, resource type and HTTP status")
                .tag("operation", operation)
                .tag("resourceType", resourceType)
                .tag("status", Integer.toString(status))
                .register(meters)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
