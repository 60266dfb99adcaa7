package org.dermcode.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HAPI's Swagger UI and OpenAPI document, with two things a tester needs: real example claims for
 * {@code Claim/$validate-claim} (a clean one and a faulty one from {@code examples/claims}, instead
 * of HAPI's stub), and the document as JSON when asked ({@code Accept: application/json} or
 * {@code ?format=json}); YAML stays the default.
 */
final class DermcodeOpenApiInterceptor extends OpenApiInterceptor {

    static final String VALIDATE_CLAIM_PATH = "/Claim/$validate-claim";

    private final List<ClaimExamples.ClaimExample> claimExamples;

    DermcodeOpenApiInterceptor(List<ClaimExamples.ClaimExample> claimExamples) {
        this.claimExamples = List.copyOf(claimExamples);
    }

    @Override
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public boolean serveSwaggerUi(HttpServletRequest request, HttpServletResponse response,
            ServletRequestDetails requestDetails) throws IOException {
        if ("/api-docs".equals(request.getPathInfo()) && wantsJson(request)) {
            String json = Json.pretty(generateOpenApi(requestDetails));
            response.setStatus(200);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(json);
            response.getWriter().close();
            return false;
        }
        return super.serveSwaggerUi(request, response, requestDetails);
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        return RestfulServerUtils.parseAcceptHeaderAndReturnHighestRankedOptions(request)
                .contains(Constants.CT_JSON);
    }

    @Override
    protected OpenAPI generateOpenApi(ServletRequestDetails requestDetails) {
        OpenAPI openApi = super.generateOpenApi(requestDetails);
        PathItem validateClaim = openApi.getPaths() == null ? null : openApi.getPaths().get(VALIDATE_CLAIM_PATH);
        if (validateClaim != null && validateClaim.getPost() != null && !claimExamples.isEmpty()) {
            addClaimExamples(validateClaim.getPost());
        }
        return openApi;
    }

    /** The request body of $validate-claim is a Claim: offer the example claims, first one selected. */
    private void addClaimExamples(Operation post) {
        MediaType json = new MediaType().schema(new Schema<>().type("object").title("Claim"));
        for (ClaimExamples.ClaimExample example : claimExamples) {
            json.addExamples(example.key(), new Example().summary(example.title())
                    .description(example.description() + " (examples/claims/" + example.file() + ")")
                    .value(example.json()));
        }
        post.setRequestBody(new RequestBody().required(true)
                .description("A Claim (as here), a Parameters resource with the Claim in 'resource', or a Bundle"
                        + " of Claims")
                .content(new Content().addMediaType(Constants.CT_FHIR_JSON_NEW, json)));
    }
}
