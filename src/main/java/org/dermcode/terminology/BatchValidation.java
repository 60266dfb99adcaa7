package org.dermcode.terminology;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.function.Consumer;
import java.util.function.Function;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * {@code $batch-validate-code} (HL7 tx-ecosystem IG; the HL7 validator sends the codes of one
 * resource in one call): many {@code $validate-code} calls in one request. Each {@code validation}
 * parameter holds one call's parameters as a Parameters resource; the request's other parameters
 * ({@code url}, {@code tx-resource}, options such as {@code lenient-display-validation}) apply to
 * every entry that does not give its own. The answer has one {@code validation} per entry, in the
 * same order: the {@code $validate-code} result, or the OperationOutcome of an entry that could not
 * be checked (the other entries are still answered).
 */
final class BatchValidation {

    /**
     * The most entries one request may hold. The HL7 validator batches the codes of one resource (a
     * few dozen at most); each entry costs about one {@code $validate-code}.
     */
    static final int MAX_ENTRIES = 100;

    static final String ENTRY = "validation";

    private BatchValidation() {}

    /** The request's parameters other than its entries (they apply to every entry). */
    private static Parameters shared(Parameters body) {
        Parameters shared = new Parameters();
        for (ParametersParameterComponent p : body(body).getParameter()) {
            if (!ENTRY.equals(p.getName())) {
                shared.addParameter(p);
            }
        }
        return shared;
    }

    /**
     * The entries, each with the shared parameters it does not name itself. Refuses a request
     * without entries, one with more than {@value #MAX_ENTRIES} (422 too-costly), an entry that is
     * not a Parameters resource and an entry with its own {@code tx-resource} (they belong to the
     * whole request).
     */
    private static List<Parameters> entries(Parameters body) {
        List<Parameters> entries = new ArrayList<>();
        for (ParametersParameterComponent p : body(body).getParameter()) {
            if (!ENTRY.equals(p.getName())) {
                continue;
            }
            if (!(p.getResource() instanceof Parameters entry)) {
                throw new InvalidRequestException("Parameter '" + ENTRY + "' must hold a Parameters resource"
                        + " with the parameters of one $validate-code");
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            throw new InvalidRequestException("$batch-validate-code needs at least one '" + ENTRY + "' parameter");
        }
        if (entries.size() > MAX_ENTRIES) {
            String text = "$batch-validate-code accepts at most " + MAX_ENTRIES + " '" + ENTRY + "' entries, not "
                    + entries.size() + "; split the batch";
            UnprocessableEntityException e = new UnprocessableEntityException(text);
            e.setOperationOutcome(outcome(IssueType.TOOCOSTLY, text));
            throw e;
        }
        Parameters shared = shared(body);
        List<Parameters> merged = new ArrayList<>();
        for (Parameters entry : entries) {
            Set<String> own = new HashSet<>();
            for (ParametersParameterComponent p : entry.getParameter()) {
                if ("tx-resource".equals(p.getName())) {
                    throw new InvalidRequestException("Parameter 'tx-resource' belongs to the whole"
                            + " $batch-validate-code request, not to one '" + ENTRY + "' entry");
                }
                own.add(p.getName());
            }
            Parameters one = new Parameters();
            for (ParametersParameterComponent p : shared.getParameter()) {
                if (!own.contains(p.getName())) {
                    one.addParameter(p);
                }
            }
            entry.getParameter().forEach(one::addParameter);
            merged.add(one);
        }
        return merged;
    }

    private static Parameters body(Parameters body) {
        if (body == null) {
            throw new InvalidRequestException("$batch-validate-code needs a Parameters body (POST) with '" + ENTRY
                    + "' entries");
        }
        return body;
    }

    /**
     * The whole operation, for the CodeSystem ({@code codeSystemLevel}) and the ValueSet provider
     * alike: a batch that brings its own terminology, or names FHIR core content, is answered by
     * HL7's engine in one session ({@code checkEntry} checks each entry's arguments first); any
     * other batch entry by entry by {@code hosted}, our own {@code $validate-code}, where an entry
     * that cannot be checked answers its OperationOutcome and the others are still answered.
     */
    static Parameters validate(RequestDetails details, TxOperations tx, boolean codeSystemLevel,
            Consumer<TxRequest> checkEntry, Function<Parameters, Parameters> hosted) {
        Parameters body = TxRequest.body(details);
        List<Parameters> entries = entries(body);
        String language = details.getHeader("Accept-Language");
        TxRequest shared = TxRequest.of(shared(body), null, language);
        List<TxRequest> requests = entries.stream().map(e -> TxRequest.of(e, null, language)).toList();
        if (tx.answers(shared) || requests.stream().anyMatch(tx::namesCoreContent)) {
            return answer(tx.batchValidateCode(shared, requests, codeSystemLevel, checkEntry));
        }
        List<Resource> results = new ArrayList<>();
        for (Parameters entry : entries) {
            try {
                results.add(hosted.apply(entry));
            } catch (BaseServerResponseException e) {
                results.add(outcome(e));
            }
        }
        return answer(results);
    }

    /** The answer: one {@code validation} per entry, in order. */
    private static Parameters answer(List<? extends Resource> results) {
        Parameters out = new Parameters();
        for (Resource result : results) {
            out.addParameter().setName(ENTRY).setResource(result);
        }
        return out;
    }

    /** The OperationOutcome that stands for an entry that could not be checked. */
    static OperationOutcome outcome(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome given && given.hasIssue()) {
            return given;
        }
        IssueType code = switch (e.getStatusCode()) {
            case 404 -> IssueType.NOTFOUND;
            case 422 -> IssueType.PROCESSING;
            default -> e.getStatusCode() < 500 ? IssueType.INVALID : IssueType.EXCEPTION;
        };
        return outcome(code, e.getMessage());
    }

    private static OperationOutcome outcome(IssueType code, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).getDetails().setText(text);
        return outcome;
    }

    /** An entry's primitive parameter, as the operation methods take it (or null). */
    @SuppressWarnings("unchecked")
    static <T> IPrimitiveType<T> primitive(Parameters entry, String name) {
        Type value = value(entry, name);
        return value instanceof IPrimitiveType<?> p ? (IPrimitiveType<T>) p : null;
    }

    /** An entry's parameter of a given type (or null). */
    static <T> T typed(Parameters entry, String name, Class<T> type) {
        Type value = value(entry, name);
        if (value == null) {
            for (ParametersParameterComponent p : entry.getParameter()) {
                if (name.equals(p.getName()) && type.isInstance(p.getResource())) {
                    return type.cast(p.getResource());
                }
            }
            return null;
        }
        if (!type.isInstance(value)) {
            throw new InvalidRequestException("Parameter '" + name + "' must be a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** An entry's tx-resources (the shared ones). */
    static List<org.hl7.fhir.instance.model.api.IBaseResource> resources(Parameters entry) {
        List<org.hl7.fhir.instance.model.api.IBaseResource> result = new ArrayList<>();
        for (ParametersParameterComponent p : entry.getParameter()) {
            if ("tx-resource".equals(p.getName()) && p.getResource() != null) {
                result.add(p.getResource());
            }
        }
        return result;
    }

    private static Type value(Parameters entry, String name) {
        for (ParametersParameterComponent p : entry.getParameter()) {
            if (name.equals(p.getName()) && p.getValue() != null) {
                return p.getValue();
            }
        }
        return null;
    }
}
