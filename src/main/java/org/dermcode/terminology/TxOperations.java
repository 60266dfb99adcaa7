package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.utilities.i18n.I18nConstants;

/**
 * {@code $validate-code}, {@code $batch-validate-code} and {@code $expand} answered by HL7's engine
 * ({@link TxEngine}): which requests go there, their cost, the engine session over our content and
 * the request's, what our dates of service change in the answer, and how a failure becomes an
 * OperationOutcome. The operations themselves are {@link EngineValidateCode} and {@link EngineExpand}.
 */
public final class TxOperations {

    static final String TX_ISSUE_TYPE = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";
    /** The extension of an OperationOutcome issue that names the engine's message id. */
    static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

    /** Request parameters that steer code system and value set versions (the engine reads them from the context). */
    private static final Set<String> VERSION_RULES = Set.of("default-valueset-version", "system-version",
            "force-system-version", "check-system-version", "default-system-version", "includeAlternateCodes",
            "default-to-latest-version");

    private final TxEngine engine;
    private final TerminologyRepository repository;

    public TxOperations(TxEngine engine, TerminologyRepository repository) {
        this.engine = engine;
        this.repository = repository;
    }

    /**
     * True when the request carries terminology of its own ({@code tx-resource}): HL7's engine
     * answers it, over our content and theirs (with its inline {@code valueSet} / {@code codeSystem}).
     * Requests on our hosted content alone are answered by {@link ExpansionService} and
     * {@link CodeValidationService}, which know our codes' dates of service (docs/conformance.md).
     */
    static boolean bringsOwnTerminology(TxRequest request) {
        return !request.resources().isEmpty();
    }

    /**
     * True when the request names a FHIR core value set or code system ({@code administrative-gender}...)
     * that we do not host: HL7's engine answers it, with that core content ({@link CoreTerminology}).
     * For a request on our content this is a prefix check and a map lookup.
     */
    boolean namesCoreContent(TxRequest request) {
        java.util.Set<String> valueSets = new java.util.LinkedHashSet<>();
        java.util.Set<String> systems = new java.util.LinkedHashSet<>();
        coreReferences(request, valueSets, systems);
        for (String url : valueSets) {
            if (CoreTerminology.isCoreUrl(url) && repository.valueSet(url, null).isEmpty()
                    && engine.core().valueSet(url).isPresent()) {
                return true;
            }
        }
        for (String url : systems) {
            String unversioned = url.contains("|") ? url.substring(0, url.indexOf('|')) : url;
            if (CoreTerminology.isCoreUrl(unversioned) && repository.codeSystem(unversioned).isEmpty()
                    && engine.core().codeSystem(unversioned).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The engine answers the request: it brings its own terminology or names FHIR core content. */
    boolean answers(TxRequest request) {
        return bringsOwnTerminology(request) || namesCoreContent(request);
    }

    /**
     * The most include, exclude and import rules that the value sets of one request (its
     * {@code tx-resource}s and inline {@code valueSet}) may have in all. HL7's engine expands every
     * rule afresh, so thousands of whole-system includes cost minutes of CPU in one request
     * (bench/cost.sh); the suite's largest value set has 4 rules, a real one a few dozen.
     */
    static final int MAX_COMPOSE_RULES = 200;

    /** Refuses, 422 too-costly, a request whose value sets have more than {@link #MAX_COMPOSE_RULES} rules. */
    static void checkCost(TxRequest request) {
        int rules = 0;
        for (org.hl7.fhir.instance.model.api.IBaseResource resource : request.resources()) {
            if (resource instanceof org.hl7.fhir.r4.model.ValueSet valueSet) {
                for (org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent set : valueSet.getCompose().getInclude()) {
                    rules += 1 + set.getValueSet().size();
                }
                for (org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent set : valueSet.getCompose().getExclude()) {
                    rules += 1 + set.getValueSet().size();
                }
            }
        }
        for (ParametersParameterComponent p : request.parameters().getParameter()) {
            rules += composeRules(p.getResource());
        }
        if (rules > MAX_COMPOSE_RULES) {
            String text = "The request's value sets have " + rules + " include, exclude and import rules in all, more than "
                    + MAX_COMPOSE_RULES + " (each is expanded afresh); combine their includes";
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TOOCOSTLY).getDetails().setText(text);
            throw failure(422, text, outcome);
        }
    }

    private static int composeRules(org.hl7.fhir.r5.model.Resource resource) {
        if (!(resource instanceof ValueSet valueSet)) {
            return 0;
        }
        int rules = 0;
        for (List<ValueSet.ConceptSetComponent> sets : List.of(valueSet.getCompose().getInclude(),
                valueSet.getCompose().getExclude())) {
            for (ValueSet.ConceptSetComponent set : sets) {
                rules += 1 + set.getValueSet().size();
            }
        }
        return rules;
    }

    /**
     * {@code $validate-code}. {@code codeSystemLevel}: CodeSystem/$validate-code (the code system is
     * {@code url}, its version {@code version}); else ValueSet/$validate-code.
     */
    public org.hl7.fhir.r4.model.Parameters validateCode(TxRequest asked, boolean codeSystemLevel,
            String instanceUrl) {
        TxRequest request = supplemented(asked, codeSystemLevel ? null : valueSetUrl(asked, instanceUrl)).request();
        checkCost(request);
        EngineCost.check(request, repository, !codeSystemLevel, instanceUrl);
        try {
            RegexFilters.guard(request, repository);
        } catch (RegexFilters.Refused e) {
            return regexNotExecuted(request, e);
        }
        return inSession(withInline(request, codeSystemLevel ? "codeSystem" : null), request, session ->
                onDateOfService(EngineValidateCode.validateCode(session, request, codeSystemLevel, instanceUrl),
                        OperationArguments.date("date", request.primitive("date"))));
    }

    /**
     * A code cannot be validated against a value set whose regex filter could not be evaluated
     * within {@link RegexFilters}' bounds: result false, and the message says why (the answer the
     * tx-ecosystem tests give for it, {@code regex-bad/validate-regex-bad-2-error}).
     */
    private static org.hl7.fhir.r4.model.Parameters regexNotExecuted(TxRequest request, RegexFilters.Refused e) {
        Parameters out = new Parameters();
        String code = request.has("code") ? request.text("code")
                : request.value("coding") instanceof Coding coding ? coding.getCode() : null;
        String system = request.has("code") ? request.text("system")
                : request.value("coding") instanceof Coding coding ? coding.getSystem() : null;
        if (code != null) {
            out.addParameter("code", new CodeType(code));
        }
        String message = "The regex '" + RegexFilters.shortened(e.pattern()) + "' could not be executed: "
                + e.getMessage();
        out.addParameter("message", message);
        out.addParameter("result", false);
        if (system != null) {
            out.addParameter("system", new UriType(system));
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TOOCOSTLY).getDetails().setText(message);
        out.addParameter().setName("issues").setResource(outcome);
        return (org.hl7.fhir.r4.model.Parameters) TxEngine.toR4(out);
    }

    /**
     * {@code $expand} of a value set whose regex filter could not be evaluated within
     * {@link RegexFilters}' bounds: 422, with the issue the tx-ecosystem tests give for it
     * ({@code regex-bad/expand-regex-bad-2-error}: code {@code unknown}, "took too long").
     */
    private static BaseServerResponseException regexRefused(RegexFilters.Refused e) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.UNKNOWN).getDetails()
                .setText(e.getMessage());
        return failure(422, e.getMessage(), outcome);
    }

    /**
     * {@code $batch-validate-code}: every entry is one {@code $validate-code} over the shared
     * request's resources, all in one engine session. An entry the engine cannot answer gets its
     * OperationOutcome in its place; the others are still answered.
     *
     * @param asked   the request without its entries: its {@code tx-resource}s, version rules and inline code system
     * @param entries each entry's parameters, already merged with the shared ones
     * @param checkArguments the operation's own argument checks, run on each entry (a failure is that entry's answer)
     */
    public List<org.hl7.fhir.r4.model.Resource> batchValidateCode(TxRequest asked, List<TxRequest> entries,
            boolean codeSystemLevel, java.util.function.Consumer<TxRequest> checkArguments) {
        TxRequest shared = supplemented(asked, codeSystemLevel ? null : valueSetUrl(asked, null)).request();
        checkCost(shared);
        EngineCost.check(shared, repository, !codeSystemLevel, null);
        RegexFilters.Refused sharedRefusal = null;
        try {
            // one guard for the whole batch: the engine tests the filters on every entry's code too
            RegexFilters.guard(shared, entries, repository);
        } catch (RegexFilters.Refused e) {
            sharedRefusal = e;
        }
        RegexFilters.Refused refusal = sharedRefusal;
        List<TxRequest> named = new java.util.ArrayList<>(entries);
        named.add(shared);
        return inSession(withInline(shared, codeSystemLevel ? "codeSystem" : null), shared, named, session -> {
            SimpleWorkerContext context = session.context();
            List<org.hl7.fhir.r4.model.Resource> results = new java.util.ArrayList<>();
            for (TxRequest entry : entries) {
                try {
                    checkArguments.accept(entry);
                    // the tx-resources were checked once above; an entry's inline value set is its own
                    TxRequest inline = new TxRequest(entry.parameters(), List.of(), entry.acceptLanguage());
                    checkCost(inline);
                    if (refusal != null) {
                        results.add(regexNotExecuted(entry, refusal));
                        continue;
                    }
                    results.add(guarded(() -> onDateOfService(EngineValidateCode.validateCode(session, entry, codeSystemLevel, null),
                            OperationArguments.date("date", entry.primitive("date")))));
                } catch (BaseServerResponseException e) {
                    results.add(BatchValidation.outcome(e));
                }
            }
            return results;
        });
    }

    /** The request with the supplements it names merged into its code systems ({@link Supplements}). */
    Supplements.Applied supplemented(TxRequest request, String valueSetUrl) {
        return Supplements.apply(request, valueSetUrl,
                url -> repository.codeSystem(url).map(CodeSystemIndex::codeSystem).orElse(null));
    }

    /**
     * A {@code $lookup}'s resources with the supplements it names merged in: HAPI's
     * {@code tx-resource} list (a body that is no Parameters lands there too, and the scope refuses it).
     */
    Supplements.Applied supplementedLookup(ca.uhn.fhir.rest.api.server.RequestDetails details,
            List<org.hl7.fhir.instance.model.api.IBaseResource> txResource) {
        TxRequest request = TxRequest.of(details);
        return supplemented(new TxRequest(request.parameters(),
                txResource == null ? List.of() : new java.util.ArrayList<>(txResource), request.acceptLanguage()), null);
    }

    private static String valueSetUrl(TxRequest request, String instanceUrl) {
        return request.has("url") ? request.text("url") : instanceUrl;
    }

    /**
     * Runs one engine call in a session holding the request's resources; whatever the engine
     * throws that is not already a FHIR error becomes a 400 (never a 500).
     */
    private <T> T inSession(List<org.hl7.fhir.instance.model.api.IBaseResource> resources, TxRequest request,
            java.util.function.Function<TxEngine.Session, T> call) {
        return inSession(resources, request, List.of(request), call);
    }

    /** {@code named}: the requests whose value sets and code systems may name FHIR core content. */
    private <T> T inSession(List<org.hl7.fhir.instance.model.api.IBaseResource> resources, TxRequest request,
            List<TxRequest> named, java.util.function.Function<TxEngine.Session, T> call) {
        return guarded(() -> {
            try (TxEngine.Session session = engine.session(resources, versionRules(request))) {
                java.util.Set<String> valueSets = new java.util.LinkedHashSet<>();
                java.util.Set<String> systems = new java.util.LinkedHashSet<>();
                for (TxRequest one : named) {
                    coreReferences(one, valueSets, systems);
                }
                session.importCore(valueSets, systems);
                return call.apply(session);
            }
        });
    }

    /**
     * The canonicals a request names that may be FHIR core content: its {@code url} (a value set,
     * or at CodeSystem level a code system), the systems of its code or codings, and what its
     * inline value set imports and includes ({@link CoreTerminology}; its tx-resources are
     * scanned by the session).
     */
    private static void coreReferences(TxRequest request, java.util.Collection<String> valueSets,
            java.util.Collection<String> systems) {
        String url = request.text("url");
        if (url != null) {
            valueSets.add(url);
            systems.add(url);
        }
        if (request.text("system") != null) {
            systems.add(request.text("system"));
        }
        if (request.value("coding") instanceof Coding coding && coding.hasSystem()) {
            systems.add(coding.getSystem());
        }
        if (request.value("codeableConcept") instanceof CodeableConcept concept) {
            concept.getCoding().stream().filter(Coding::hasSystem).forEach(c -> systems.add(c.getSystem()));
        }
        if (request.resource("valueSet") instanceof ValueSet inline) {
            TxEngine.references(inline, valueSets, systems);
        }
    }

    /** Runs an engine call; what it throws that is not already a FHIR error becomes a 400 (never a 500). */
    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (BaseServerResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw notProcessed(e);
        } catch (StackOverflowError e) {
            // the thread's stack unwinds with the error: a client's deeply nested content, not a broken VM
            throw notProcessed(new IllegalStateException("its content nests too deeply"));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // HL7's engine throws java.lang.Error for some content it cannot handle
            throw notProcessed(e);
        }
    }

    /** The engine refused the request's content (a broken resource, an unsupported construct): a 400, never a 500. */
    private static BaseServerResponseException notProcessed(Throwable e) {
        String text = "The terminology engine could not process this request: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING).getDetails().setText(text);
        return failure(400, text, outcome);
    }

    /**
     * Our code systems know when each code took effect and when it was deleted (HL7's engine does
     * not): with a {@code date}, a code that was not in force on that day is not valid.
     */
    private org.hl7.fhir.r4.model.Parameters onDateOfService(org.hl7.fhir.r4.model.Parameters out,
            java.time.LocalDate date) {
        if (date == null || !"true".equals(text(out, "result"))) {
            return out;
        }
        Concept concept = hostedConcept(text(out, "system"), text(out, "version"), text(out, "code"));
        if (concept == null || concept.isEffectiveOn(date)) {
            return out;
        }
        String message = "Code '" + concept.code() + "' is not valid on " + date
                + CodeValidationService.effectivePeriod(concept);
        out.getParameter().removeIf(p -> p.getName().equals("result") || p.getName().equals("message"));
        out.addParameter().setName("result").setValue(new org.hl7.fhir.r4.model.BooleanType(false));
        out.addParameter().setName("message").setValue(new org.hl7.fhir.r4.model.StringType(message));
        return out;
    }

    private Concept hostedConcept(String system, String version, String code) {
        if (system == null || code == null) {
            return null;
        }
        return repository.codeSystem(system, version).or(() -> repository.codeSystem(system))
                .flatMap(index -> index.find(code)).orElse(null);
    }

    private static String text(org.hl7.fhir.r4.model.Parameters parameters, String name) {
        for (org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent p : parameters.getParameter()) {
            if (name.equals(p.getName()) && p.getValue() != null) {
                return p.getValue().primitiveValue();
            }
        }
        return null;
    }

    /** {@code $expand}. */
    public org.hl7.fhir.r4.model.ValueSet expand(TxRequest asked, String instanceUrl) {
        Supplements.Applied supplements = supplemented(asked, valueSetUrl(asked, instanceUrl));
        TxRequest request = supplements.request();
        checkCost(request);
        EngineCost.check(request, repository, true, instanceUrl);
        RegexFilters regexFilters;
        try {
            regexFilters = RegexFilters.guard(request, repository);
        } catch (RegexFilters.Refused e) {
            throw regexRefused(e);
        }
        return inSession(request.resources(), request, session -> {
            org.hl7.fhir.r4.model.ValueSet out = EngineExpand.expand(session, request, instanceUrl);
            regexFilters.restore(out);
            supplements.restore(out);
            for (String used : supplements.used()) {
                out.getExpansion().addParameter().setName("used-supplement").setValue(new org.hl7.fhir.r4.model.UriType(used));
            }
            java.time.LocalDate date = OperationArguments.date("date", request.primitive("date"));
            if (date != null) {
                int before = countAll(out.getExpansion().getContains());
                removeNotInForce(out.getExpansion().getContains(), date);
                if (out.getExpansion().hasTotal()) {
                    out.getExpansion().setTotal(out.getExpansion().getTotal() - before
                            + countAll(out.getExpansion().getContains()));
                }
            }
            return out;
        });
    }

    private void removeNotInForce(List<org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent> contains,
            java.time.LocalDate date) {
        contains.removeIf(c -> {
            Concept concept = hostedConcept(c.getSystem(), c.getVersion(), c.getCode());
            return concept != null && !concept.isEffectiveOn(date);
        });
        for (org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent c : contains) {
            removeNotInForce(c.getContains(), date);
        }
    }

    private static int countAll(List<org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent> contains) {
        int n = 0;
        for (org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent c : contains) {
            n += 1 + countAll(c.getContains());
        }
        return n;
    }

    private static List<org.hl7.fhir.instance.model.api.IBaseResource> withInline(TxRequest request, String name) {
        if (name == null) {
            return request.resources();
        }
        org.hl7.fhir.r5.model.Resource inline = request.resource(name);
        if (inline == null) {
            return request.resources();
        }
        List<org.hl7.fhir.instance.model.api.IBaseResource> all = new java.util.ArrayList<>(request.resources());
        all.add(TxEngine.toR4(inline));
        return all;
    }

    static String firstText(TxRequest request, String fallback, String... names) {
        for (String name : names) {
            if (request.has(name)) {
                return request.text(name);
            }
        }
        if (request.resource("codeSystem") instanceof org.hl7.fhir.r5.model.CodeSystem cs) {
            return cs.getUrl();
        }
        return fallback;
    }

    private static Parameters versionRules(TxRequest request) {
        Parameters rules = new Parameters();
        for (ParametersParameterComponent p : request.parameters().getParameter()) {
            if (VERSION_RULES.contains(p.getName())) {
                rules.addParameter(p.copy());
            }
        }
        return rules;
    }

    static ValueSet valueSet(SimpleWorkerContext context, TxRequest request, String instanceUrl) {
        if (request.resource("valueSet") instanceof ValueSet inline) {
            if (!inline.hasUrl()) {
                // the engine needs a url to work on a value set
                inline.setUrl("urn:uuid:" + java.util.UUID.randomUUID());
            }
            TxEngine.hierarchyFiltersOnConcept(inline);
            return inline;
        }
        String url = request.has("url") ? request.text("url") : instanceUrl;
        if (url == null) {
            throw new InvalidRequestException("One of the parameters 'url' or 'valueSet' is required"
                    + " (or call the operation on a ValueSet instance)");
        }
        String version = request.text("valueSetVersion");
        ValueSet found = version == null ? newestValueSet(context, url)
                : context.fetchResource(ValueSet.class, url, version);
        if (found == null) {
            String canonical = version == null ? url : url + "|" + version;
            OperationOutcome outcome = new OperationOutcome();
            OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.NOTFOUND);
            issue.getDetails().addCoding(TX_ISSUE_TYPE, "not-found", null);
            issue.getDetails().setText(context.formatMessage(I18nConstants.UNABLE_TO_RESOLVE_VALUE_SET_, canonical));
            throw failure(404, issue.getDetails().getText(), outcome);
        }
        return found;
    }

    /** A version the value set asks for that does not exist, or that a check-system-version refuses. */
    static BaseServerResponseException versionProblem(SystemVersionRules.Choice problem) {
        OperationOutcome outcome = new OperationOutcome();
        boolean notFound = problem.problemCode().equals("not-found");
        OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR)
                .setCode(notFound ? IssueType.NOTFOUND : IssueType.EXCEPTION);
        issue.getDetails().addCoding(TX_ISSUE_TYPE, problem.problemCode(), null);
        issue.getDetails().setText(problem.problem());
        return failure(notFound ? 404 : 400, problem.problem(), outcome);
    }

    /** The value set of this url (a {@code url|version} canonical: that version); the newest when there are several. */
    static ValueSet newestValueSet(SimpleWorkerContext context, String url) {
        if (url.contains("|")) {
            return context.fetchResource(ValueSet.class, url);
        }
        ValueSet newest = null;
        for (ValueSet candidate : context.fetchResourceVersionsByTypeAndUrl(ValueSet.class, url)) {
            if (newest == null || candidate.hasVersion() && (!newest.hasVersion()
                    || SystemVersionRules.compare(candidate.getVersion(), newest.getVersion()) > 0)) {
                newest = candidate;
            }
        }
        return newest != null ? newest : context.fetchResource(ValueSet.class, url);
    }

    /**
     * An issue as HL7's engine writes the ones we add to its answers: its message id, its
     * tx-issue-type code and its text.
     */
    static OperationOutcomeIssueComponent issue(IssueSeverity severity, IssueType type, String messageId,
            String txType, String text) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent().setSeverity(severity).setCode(type);
        issue.addExtension(MESSAGE_ID, new StringType(messageId));
        issue.getDetails().addCoding(TX_ISSUE_TYPE, txType, null);
        issue.getDetails().setText(text);
        return issue;
    }

    static BaseServerResponseException failure(int status, String message, OperationOutcome outcome) {
        EngineErrorIds.restore(outcome);
        IssuePaths.current(outcome);
        org.hl7.fhir.r4.model.OperationOutcome r4 = (org.hl7.fhir.r4.model.OperationOutcome) TxEngine.toR4(outcome);
        String text = message == null ? "Terminology operation failed" : message;
        BaseServerResponseException e = switch (status) {
            case 404 -> new ResourceNotFoundException(text);
            case 422 -> new UnprocessableEntityException(text);
            default -> new InvalidRequestException(text);
        };
        e.setOperationOutcome(r4);
        return e;
    }

    static BooleanType bool(boolean value) {
        return new BooleanType(value);
    }
}
