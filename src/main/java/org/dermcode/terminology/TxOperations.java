package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CanonicalType;
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
import org.hl7.fhir.r5.terminologies.expansion.ValueSetExpansionOutcome;
import org.hl7.fhir.r5.terminologies.utilities.TerminologyServiceErrorClass;
import org.hl7.fhir.r5.terminologies.utilities.ValidationResult;
import org.hl7.fhir.utilities.FhirPublication;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * {@code $validate-code} and {@code $expand} answered by {@link TxEngine}: the request's
 * parameters go to HL7's engine, and its result comes back as the Parameters, ValueSet or
 * OperationOutcome the specification (and the HL7 tx-ecosystem tests) describe.
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
                onDateOfService(validateCode(session, request, codeSystemLevel, instanceUrl),
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
                    results.add(guarded(() -> onDateOfService(validateCode(session, entry, codeSystemLevel, null),
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

    private static org.hl7.fhir.r4.model.Parameters validateCode(TxEngine.Session session, TxRequest request,
            boolean codeSystemLevel, String instanceUrl) {
        Parameters rules = session.context().getExpansionParameters();
        try {
            return validateCode(session, session.context(), request, codeSystemLevel, instanceUrl);
        } finally {
            session.context().setExpansionParameters(rules);
        }
    }

    private static org.hl7.fhir.r4.model.Parameters validateCode(TxEngine.Session session,
            SimpleWorkerContext context, TxRequest request, boolean codeSystemLevel, String instanceUrl) {
        ValueSet valueSet = null;
        if (!codeSystemLevel) {
            valueSet = valueSet(context, request, instanceUrl);
        }
        SystemVersionRules versionRules = SystemVersionRules.of(request);
        CodingVersionCheck.Outcome versionCheck = null;
        TxRequest asked = request;
        ValidationOptions options = new ValidationOptions(FhirPublication.R4);
        String language = request.has("displayLanguage") ? request.text("displayLanguage") : request.acceptLanguage();
        if (language != null) {
            options = options.withLanguage(language);
        }
        if (request.isTrue("valueset-membership-only")) {
            options = options.withCheckValueSetOnly();
        }
        boolean ownDisplays = OwnDisplays.only(context, request,
                codeSystemLevel ? firstText(request, instanceUrl, "url", "system") : null);
        if (request.isTrue("lenient-display-validation") || ownDisplays) {
            options = options.setDisplayWarningMode(true);
        }
        if (request.isTrue("activeOnly")) {
            options = options.setActiveOnly(true);
        }
        MultiVersionCodings.Resolved multiVersion = MultiVersionCodings.resolve(session, valueSet, request,
                versionRules, options);
        if (multiVersion != null) {
            request = multiVersion.request();
            valueSet = multiVersion.valueSet();
        }
        String code = null;
        String system = null;
        String version = null;
        String display = null;
        CodeableConcept codeableConcept = null;
        ValidationResult result;
        if (request.has("code")) {
            code = request.text("code");
            system = codeSystemLevel ? firstText(request, instanceUrl, "url", "system") : request.text("system");
            version = codeSystemLevel ? request.text("version") : request.text("systemVersion");
            display = request.text("display");
            boolean infer = codeSystemLevel || system == null;
            versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, system, version, "");
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, code, null);
            }
            result = context.validateCode(infer ? options.withGuessSystem() : options, system,
                    versionCheck == null || version == null ? version : versionCheck.version(), code, display,
                    versionCheck == null ? valueSet : pinned(context, valueSet, versionCheck));
        } else if (request.value("coding") instanceof Coding coding) {
            code = coding.getCode();
            system = coding.getSystem();
            version = coding.getVersion();
            display = coding.getDisplay();
            versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, system, version, "Coding");
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, code, null);
            }
            result = versionCheck == null ? context.validateCode(options, coding, valueSet)
                    : context.validateCode(options, coding.hasVersion()
                            ? coding.copy().setVersion(versionCheck.version()) : coding,
                            pinned(context, valueSet, versionCheck));
        } else if (request.value("codeableConcept") instanceof CodeableConcept concept) {
            codeableConcept = (CodeableConcept) asked.value("codeableConcept");
            if (concept.getCoding().size() == 1) {
                Coding only = concept.getCodingFirstRep();
                versionCheck = CodingVersionCheck.check(session, valueSet, versionRules, only.getSystem(),
                        only.getVersion(), "CodeableConcept.coding[0]");
            }
            if (versionCheck != null && versionCheck.version() == null) {
                return versionNotFound(versionCheck, null, concept);
            }
            CodeableConcept checked = concept;
            if (versionCheck != null && concept.getCodingFirstRep().hasVersion()) {
                checked = concept.copy();
                checked.getCodingFirstRep().setVersion(versionCheck.version());
            }
            ValueSet checkedIn = versionCheck == null ? valueSet : pinned(context, valueSet, versionCheck);
            result = FirstValidCoding.reported(context, options, checked, checkedIn,
                    context.validateCode(options, checked, checkedIn));
        } else {
            // the wording of HL7's reference server (tx.fhir.org) for this case
            throw new InvalidRequestException("Unable to find code to validate (looked for coding | codeableConcept"
                    + " | code+system | code+inferSystem in parameters");
        }
        if (result.getSeverity() == ValidationMessage.IssueSeverity.FATAL) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(result.getIssues());
            throw failure(400, result.getMessage(), outcome);
        }
        Parameters out = new Parameters();
        if (result.getSystem() != null) {
            out.addParameter("system", new UriType(result.getSystem()));
        } else if (system != null) {
            out.addParameter("system", new UriType(system));
        }
        if (result.getCode() != null) {
            if (code != null && !code.equals(result.getCode())) {
                out.addParameter("code", new CodeType(code));
                out.addParameter("normalized-code", new CodeType(result.getCode()));
            } else {
                out.addParameter("code", new CodeType(result.getCode()));
            }
        } else if (code != null) {
            out.addParameter("code", new CodeType(code));
        }
        List<OperationOutcomeIssueComponent> engineIssues = result.getIssues() == null ? List.of()
                : withoutRetiredWarnings(result.getIssues());
        List<OperationOutcomeIssueComponent> issues = DefaultLanguageDisplay.current(
                FragmentCodes.decided(engineIssues), new DefaultLanguageDisplay.Checked(
                        result.getSystem() != null ? result.getSystem() : system, result.getVersion(),
                        result.getCode() != null ? result.getCode() : code,
                        display != null || codeableConcept == null || codeableConcept.getCoding().size() != 1
                                ? display : codeableConcept.getCodingFirstRep().getDisplay(),
                        options.langSummary()), context);
        boolean valid = issues != engineIssues ? issues.stream().noneMatch(i -> i.getSeverity() == IssueSeverity.ERROR)
                : result.getSeverity() != ValidationMessage.IssueSeverity.ERROR;
        Coding checkedCoding = codeableConcept == null
                ? new Coding(system != null ? system : result.getSystem(), code, display).setVersion(version)
                : codeableConcept.getCoding().size() == 1 ? codeableConcept.getCodingFirstRep() : null;
        issues = AbstractCodes.checked(request, valid, issues, checkedCoding, request.has("code") ? "code"
                : codeableConcept == null ? "Coding.code" : "CodeableConcept.coding[0].code", valueSet, context);
        if (ownDisplays) {
            issues = OwnDisplays.noted(issues);
        }
        // where the current rules changed the engine's issues, its errors left decide
        out.addParameter("result", issues != engineIssues
                ? issues.stream().noneMatch(i -> i.getSeverity() == IssueSeverity.ERROR) : valid);
        String message = ResultMessage.of(result.getMessage(), result.getIssues() == null ? List.of() : result.getIssues(), issues);
        if (message != null) {
            out.addParameter("message", message);
        }
        if (result.getVersion() != null) {
            out.addParameter("version", result.getVersion());
        } else if (version != null) {
            out.addParameter("version", new StringType(version));
        }
        if (result.getDisplay() != null) {
            out.addParameter("display", result.getDisplay());
        }
        if (codeableConcept != null) {
            out.addParameter("codeableConcept", codeableConcept);
        }
        if (result.isInactive()) {
            out.addParameter("inactive", true);
        }
        if (result.getStatus() != null) {
            out.addParameter("status", new CodeType(result.getStatus()));
        }
        if (result.getUnknownSystems() != null) {
            for (String unknown : result.getUnknownSystems()) {
                out.addParameter(result.getErrorClass() == TerminologyServiceErrorClass.CODESYSTEM_UNSUPPORTED
                        ? "x-caused-by-unknown-system" : "x-unknown-system", new CanonicalType(unknown));
            }
        }
        if (!issues.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.getIssue().addAll(issues);
            IssuePaths.current(outcome);
            out.addParameter().setName("issues").setResource(outcome);
        }
        if (versionCheck != null) {
            addVersionIssues(out, versionCheck, result.getSeverity() == ValidationMessage.IssueSeverity.ERROR
                    ? result.getMessage() : null);
        }
        return (org.hl7.fhir.r4.model.Parameters) TxEngine.toR4(out);
    }

    /**
     * The value set as the engine sees it for a checked coding: its includes of the coding's system
     * use the version {@link CodingVersionCheck} chose, and the request's version rules for that
     * system are already applied (the engine would apply them again, by its 6.6.7 reading).
     */
    private static ValueSet pinned(SimpleWorkerContext context, ValueSet valueSet, CodingVersionCheck.Outcome check) {
        ValueSet copy = valueSet.copy();
        for (ValueSet.ConceptSetComponent include : copy.getCompose().getInclude()) {
            if (check.system().equals(include.getSystem())) {
                include.setVersion(check.version());
            }
        }
        Parameters rules = new Parameters();
        for (ParametersParameterComponent p : context.getExpansionParameters().getParameter()) {
            String value = p.getValue() == null ? null : p.getValue().primitiveValue();
            if (!(List.of(SystemVersionRules.FORCE, SystemVersionRules.DEFAULT, SystemVersionRules.CHECK)
                    .contains(p.getName()) && value != null && value.startsWith(check.system() + "|"))) {
                rules.addParameter(p.copy());
            }
        }
        context.setExpansionParameters(rules);
        return copy;
    }

    /** Adds the version problems to an engine answer: they make it invalid when they are errors. */
    private static void addVersionIssues(Parameters out, CodingVersionCheck.Outcome check, String engineError) {
        if (check.issues().isEmpty()) {
            return;
        }
        List<String> messages = new java.util.ArrayList<>(check.messages());
        if (check.hasErrors()) {
            out.getParameter().removeIf(p -> p.getName().equals("result"));
            out.addParameter("result", false);
            if (engineError != null) {
                messages.add(engineError);
            }
        }
        if (check.hasErrors() || !out.hasParameter("message")) {
            out.getParameter().removeIf(p -> p.getName().equals("message"));
            out.addParameter("message", String.join("; ", messages));
        }
        if (check.unknown() != null) {
            out.addParameter("x-caused-by-unknown-system", new CanonicalType(check.unknown()));
        }
        ParametersParameterComponent issues = out.getParameter().stream().filter(p -> p.getName().equals("issues"))
                .findFirst().orElse(null);
        if (issues == null) {
            issues = out.addParameter().setName("issues").setResource(new OperationOutcome());
        }
        ((OperationOutcome) issues.getResource()).getIssue().addAll(check.issues());
    }

    /** The answer when the code system version to check the code in does not exist: nothing to give the engine. */
    private static org.hl7.fhir.r4.model.Parameters versionNotFound(CodingVersionCheck.Outcome check, String code,
            CodeableConcept concept) {
        Parameters out = new Parameters();
        if (concept == null) {
            out.addParameter("code", new CodeType(code));
            out.addParameter("system", new UriType(check.system()));
        } else {
            out.addParameter("codeableConcept", concept);
        }
        out.addParameter("result", false);
        addVersionIssues(out, check, null);
        return (org.hl7.fhir.r4.model.Parameters) TxEngine.toR4(out);
    }

    /**
     * Warnings HL7 has since taken out of its engine (they repeated the error that a code system or
     * value set was not found: "Unable to check whether the code is in the value set ... because the
     * code system ... was not found"); 6.6.7 still gives them.
     */
    private static final Set<String> RETIRED_WARNINGS = Set.of("UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_",
            "UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_CS",
            "UNABLE_TO_CHECK_IF_THE_PROVIDED_CODES_ARE_IN_THE_VALUE_SET_VS");

    private static List<OperationOutcomeIssueComponent> withoutRetiredWarnings(List<OperationOutcomeIssueComponent> issues) {
        return issues.stream().filter(i -> i.getSeverity() != IssueSeverity.WARNING
                || !RETIRED_WARNINGS.contains(i.getExtensionString(
                        MESSAGE_ID))).toList();
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
            org.hl7.fhir.r4.model.ValueSet out = expand(session, request, instanceUrl);
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

    private static int countNested(List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        int n = 0;
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            n += 1 + countNested(c.getContains());
        }
        return n;
    }

    private static int countAll(List<org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent> contains) {
        int n = 0;
        for (org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent c : contains) {
            n += 1 + countAll(c.getContains());
        }
        return n;
    }

    private static org.hl7.fhir.r4.model.ValueSet expand(TxEngine.Session session, TxRequest request,
            String instanceUrl) {
        SimpleWorkerContext context = session.context();
        Parameters parameters = request.parameters().copy();
        boolean withoutUrl = request.resource("valueSet") instanceof ValueSet inline && !inline.hasUrl();
        ValueSet valueSet = valueSet(context, request, instanceUrl);
        ValueSetVersions versions = ValueSetVersions.choose(session, valueSet, SystemVersionRules.of(request));
        if (versions.problem() != null) {
            throw versionProblem(versions.problem());
        }
        versions.applyTo(session);
        boolean hierarchical = !request.has("excludeNested") || !request.isTrue("excludeNested");
        boolean activeOnly = request.isTrue("activeOnly");
        if (activeOnly) {
            // 6.6.7 counts deprecated codes as inactive: the engine lists all, conceptStatus leaves out the inactive
            parameters.getParameter().removeIf(p -> p.getName().equals("activeOnly"));
        }
        TextFilter filter = textFilter(request);
        if (filter != null) {
            // HL7's engine has no text filter: it expands everything, flat, and the matches are paged here
            parameters.getParameter().removeIf(p -> List.of("filter", "count", "offset").contains(p.getName()));
            hierarchical = false;
        }
        if (request.acceptLanguage() != null && !parameters.hasParameter("displayLanguage")) {
            parameters.addParameter("displayLanguage", new CodeType(request.acceptLanguage()));
        }
        ValueSetExpansionOutcome outcome = ComposedExpansion.needed(valueSet)
                ? ComposedExpansion.expand(session, valueSet, versions, parameters)
                : context.expandVS(valueSet, false, hierarchical, true, parameters);
        if (outcome.getValueset() == null) {
            throw expansionFailure(outcome);
        }
        ValueSet expanded = outcome.getValueset();
        FragmentExpansion.current(expanded.getExpansion());
        int removed = conceptStatus(context, expanded, expanded.getExpansion().getContains(), activeOnly,
                new java.util.HashMap<>());
        if (removed > 0 && expanded.getExpansion().hasTotal()) {
            expanded.getExpansion().setTotal(expanded.getExpansion().getTotal() - removed);
        }
        if (activeOnly && expanded.getExpansion().getParameter().stream().noneMatch(p -> p.getName().equals("activeOnly"))) {
            expanded.getExpansion().addParameter().setName("activeOnly").setValue(new BooleanType(true));
        }
        if (filter != null) {
            applyTextFilter(expanded.getExpansion(), filter, request);
        } else if (request.has("count") && Integer.parseInt(request.text("count").strip()) == 0) {
            // count 0 asks how many codes there are, not for any (6.6.7 read 0 as no limit)
            if (!expanded.getExpansion().hasTotal()) {
                expanded.getExpansion().setTotal(countNested(expanded.getExpansion().getContains()));
            }
            expanded.getExpansion().getContains().clear();
        }
        // the engine echoes its defaults too; the answer echoes what the request asked for
        for (String name : List.of("excludeNested", "count", "offset")) {
            if (!request.has(name)) {
                expanded.getExpansion().getParameter().removeIf(p -> p.getName().equals(name));
            }
        }
        if (!request.has("offset")) {
            expanded.getExpansion().setOffsetElement(null);
        }
        java.util.Map<String, java.util.Optional<String>> overloaded = new java.util.HashMap<>();
        for (ValueSet.ValueSetExpansionContainsComponent c : expanded.getExpansion().getContains()) {
            String version = c.hasSystem() && !c.hasVersion() ? overloaded.computeIfAbsent(c.getSystem(),
                    system -> java.util.Optional.ofNullable(versions.singleVersionOfOverloaded(valueSet, system)))
                    .orElse(null) : null;
            if (version != null) {
                c.setVersion(version);
            }
        }
        for (ParametersParameterComponent p : request.all("default-valueset-version")) {
            String canonical = p.getValue() == null ? null : p.getValue().primitiveValue();
            if (canonical != null && expanded.getExpansion().getParameter().stream().noneMatch(e ->
                    e.getName().equals(p.getName()) && canonical.equals(e.getValue().primitiveValue()))) {
                expanded.getExpansion().addParameter().setName(p.getName()).setValue(new UriType(canonical));
            }
        }
        for (SystemVersionRules.Rule rule : versions.decidingRules()) {
            String canonical = rule.system() + "|" + rule.version();
            if (expanded.getExpansion().getParameter().stream().noneMatch(p -> p.getName().equals(rule.name())
                    && canonical.equals(p.getValue().primitiveValue()))) {
                expanded.getExpansion().addParameter().setName(rule.name()).setValue(new UriType(canonical));
            }
        }
        if (withoutUrl) {
            // the url was only lent to the engine: the client's value set has none
            expanded.setUrlElement(null);
        }
        // a value set the expanded one contains is part of it, not another value set it used
        java.util.Set<String> contained = new java.util.HashSet<>();
        valueSet.getContained().stream().filter(r -> r instanceof ValueSet).map(r -> ((ValueSet) r).getUrl())
                .filter(java.util.Objects::nonNull).forEach(contained::add);
        expanded.getExpansion().getParameter().removeIf(p -> p.getName().equals("used-valueset")
                && p.getValue() != null && contained.contains(p.getValue().primitiveValue().split("\\|")[0]));
        return (org.hl7.fhir.r4.model.ValueSet) TxEngine.toR4(expanded);
    }

    /**
     * Each code's status as FHIR defines it (concept-properties): a code is inactive when its status
     * is {@code retired} or {@code inactive}, its {@code inactive} property is true or it is
     * withdrawn; a {@code deprecated} code is still active (6.6.7 marks it inactive, and leaves a
     * retired code without its status). A status other than active is given as the code's
     * {@code status} property. With {@code activeOnly} the inactive codes are left out.
     *
     * @return how many codes were left out
     */
    private static int conceptStatus(SimpleWorkerContext context, ValueSet expanded,
            List<ValueSet.ValueSetExpansionContainsComponent> contains, boolean activeOnly,
            java.util.Map<String, CodeIndex> indexes) {
        int removed = 0;
        for (java.util.ListIterator<ValueSet.ValueSetExpansionContainsComponent> it = contains.listIterator();
                it.hasNext();) {
            ValueSet.ValueSetExpansionContainsComponent c = it.next();
            removed += conceptStatus(context, expanded, c.getContains(), activeOnly, indexes);
            CodeIndex index = !c.hasSystem() || !c.hasCode() ? CodeIndex.NONE
                    : indexes.computeIfAbsent(c.getSystem() + "|" + c.getVersion(), k -> CodeIndex.of(c.hasVersion()
                    ? context.fetchResource(org.hl7.fhir.r5.model.CodeSystem.class, c.getSystem(), c.getVersion())
                    : context.fetchResource(org.hl7.fhir.r5.model.CodeSystem.class, c.getSystem())));
            org.hl7.fhir.r5.model.CodeSystem cs = index.codeSystem();
            org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent def = index.byCode().get(c.getCode());
            if (def == null) {
                if (activeOnly && c.getInactive()) {
                    leaveOut(it, c);
                    removed++;
                }
                continue;
            }
            String status = org.hl7.fhir.r5.terminologies.CodeSystemUtilities.getStatus(cs, def);
            if (status == null) {
                status = def.getExtensionString(org.hl7.fhir.r5.extensions.ExtensionDefinitions.EXT_STANDARDS_STATUS);
            }
            boolean inactive = "withdrawn".equals(status) || "retired".equals(status) || "inactive".equals(status)
                    || inactiveProperty(def);
            if (activeOnly && inactive) {
                leaveOut(it, c);
                removed++;
                continue;
            }
            c.setInactiveElement(inactive ? new BooleanType(true) : null);
            if (status != null && !"active".equalsIgnoreCase(status)
                    && c.getProperty().stream().noneMatch(p -> "status".equals(p.getCode()))) {
                org.hl7.fhir.r5.terminologies.ValueSetUtilities.addCodeProperty(expanded, c,
                        "http://hl7.org/fhir/concept-properties#status", "status", status);
            }
        }
        return removed;
    }

    /** Takes a code out of an expansion; its (active) children take its place. */
    private static void leaveOut(java.util.ListIterator<ValueSet.ValueSetExpansionContainsComponent> it,
            ValueSet.ValueSetExpansionContainsComponent c) {
        it.remove();
        for (ValueSet.ValueSetExpansionContainsComponent child : c.getContains()) {
            it.add(child);
        }
    }

    /** A code system's concepts by code (built once per expansion, not searched per code). */
    private record CodeIndex(org.hl7.fhir.r5.model.CodeSystem codeSystem,
            java.util.Map<String, org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> byCode) {

        static final CodeIndex NONE = new CodeIndex(null, java.util.Map.of());

        static CodeIndex of(org.hl7.fhir.r5.model.CodeSystem codeSystem) {
            if (codeSystem == null) {
                return NONE;
            }
            java.util.Map<String, org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> byCode =
                    new java.util.HashMap<>();
            java.util.Deque<org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent> todo =
                    new java.util.ArrayDeque<>(codeSystem.getConcept());
            while (!todo.isEmpty()) {
                org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent def = todo.pop();
                if (def.hasCode()) {
                    byCode.putIfAbsent(def.getCode(), def);
                }
                todo.addAll(def.getConcept());
            }
            return new CodeIndex(codeSystem, byCode);
        }
    }

    private static boolean inactiveProperty(org.hl7.fhir.r5.model.CodeSystem.ConceptDefinitionComponent def) {
        for (org.hl7.fhir.r5.model.CodeSystem.ConceptPropertyComponent p : def.getProperty()) {
            if ("inactive".equals(p.getCode()) && p.hasValue()) {
                return "true".equals(p.getValue().primitiveValue());
            }
        }
        return false;
    }

    /** The request's text {@code filter}, or null. */
    private static TextFilter textFilter(TxRequest request) {
        String text = request.text("filter");
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > TextFilter.MAX_LENGTH) {
            throw new InvalidRequestException("Parameter 'filter' is longer than " + TextFilter.MAX_LENGTH + " characters");
        }
        TextFilter filter = new TextFilter(text);
        return filter.isEmpty() ? null : filter;
    }

    /**
     * The text filter on the engine's (flat) expansion, as on our own content ({@link TextFilter}:
     * every word a prefix of the code or of a word of the display or designations); then
     * {@code offset} and {@code count} page the matches, {@code total} counts them, and the
     * expansion echoes {@code filter} (and the paging asked for).
     */
    private static void applyTextFilter(ValueSet.ValueSetExpansionComponent expansion, TextFilter filter,
            TxRequest request) {
        List<ValueSet.ValueSetExpansionContainsComponent> matches = new java.util.ArrayList<>();
        collectMatches(expansion.getContains(), filter, matches);
        int offset = request.has("offset") ? Integer.parseInt(request.text("offset").strip()) : 0;
        int end = request.has("count") ? Math.min(matches.size(), offset + Integer.parseInt(request.text("count").strip()))
                : matches.size();
        expansion.setTotal(matches.size());
        expansion.getContains().clear();
        if (offset < end) {
            expansion.getContains().addAll(matches.subList(offset, end));
        }
        expansion.addParameter().setName("filter").setValue(new StringType(request.text("filter")));
        if (request.has("offset")) {
            expansion.setOffset(offset);
            expansion.addParameter().setName("offset").setValue(new org.hl7.fhir.r5.model.IntegerType(offset));
        }
        if (request.has("count")) {
            expansion.addParameter().setName("count").setValue(
                    new org.hl7.fhir.r5.model.IntegerType(Integer.parseInt(request.text("count").strip())));
        }
    }

    private static void collectMatches(List<ValueSet.ValueSetExpansionContainsComponent> contains, TextFilter filter,
            List<ValueSet.ValueSetExpansionContainsComponent> matches) {
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            StringBuilder designations = new StringBuilder();
            c.getDesignation().forEach(d -> designations.append(d.getValue()).append(' '));
            if (c.hasCode() && filter.matches(c.getCode(), c.getDisplay(), designations.toString())) {
                matches.add(c);
            }
            collectMatches(c.getContains(), filter, matches);
            c.getContains().clear();
        }
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

    private static String firstText(TxRequest request, String fallback, String... names) {
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

    private static ValueSet valueSet(SimpleWorkerContext context, TxRequest request, String instanceUrl) {
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
    private static BaseServerResponseException versionProblem(SystemVersionRules.Choice problem) {
        OperationOutcome outcome = new OperationOutcome();
        boolean notFound = problem.problemCode().equals("not-found");
        OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(IssueSeverity.ERROR)
                .setCode(notFound ? IssueType.NOTFOUND : IssueType.EXCEPTION);
        issue.getDetails().addCoding(TX_ISSUE_TYPE, problem.problemCode(), null);
        issue.getDetails().setText(problem.problem());
        return failure(notFound ? 404 : 400, problem.problem(), outcome);
    }

    /** The value set of this url (a {@code url|version} canonical: that version); the newest when there are several. */
    private static ValueSet newestValueSet(SimpleWorkerContext context, String url) {
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

    private static BaseServerResponseException expansionFailure(ValueSetExpansionOutcome outcome) {
        OperationOutcome oo = new OperationOutcome();
        if (outcome.getIssues() != null && !outcome.getIssues().isEmpty()) {
            oo.getIssue().addAll(outcome.getIssues());
        } else {
            OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR);
            TerminologyServiceErrorClass errorClass = outcome.getErrorClass();
            issue.setCode(issueType(errorClass));
            if (errorClass == TerminologyServiceErrorClass.VALUESET_UNKNOWN) {
                issue.getDetails().addCoding(TX_ISSUE_TYPE, "not-found", null);
            }
            issue.getDetails().setText(outcome.getError());
        }
        int status = outcome.getErrorClass() == TerminologyServiceErrorClass.VALUESET_UNKNOWN ? 404
                : outcome.getErrorClass() == TerminologyServiceErrorClass.TOO_COSTLY ? 422 : 400;
        return failure(status, outcome.getError(), oo);
    }

    private static IssueType issueType(TerminologyServiceErrorClass errorClass) {
        if (errorClass == null) {
            return IssueType.PROCESSING;
        }
        return switch (errorClass) {
            case BLOCKED_BY_OPTIONS -> IssueType.FORBIDDEN;
            case BUSINESS_RULE -> IssueType.BUSINESSRULE;
            case CODESYSTEM_UNSUPPORTED, CODESYSTEM_UNSUPPORTED_VERSION -> IssueType.NOTFOUND;
            case INTERNAL_ERROR, SERVER_ERROR -> IssueType.EXCEPTION;
            case NOSERVICE -> IssueType.CONFLICT;
            case TOO_COSTLY -> IssueType.TOOCOSTLY;
            case VALUESET_UNKNOWN -> IssueType.NOTFOUND;
            case VALUESET_UNSUPPORTED -> IssueType.NOTSUPPORTED;
            case PROCESSING, UNKNOWN -> IssueType.PROCESSING;
        };
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
