package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.context.SimpleWorkerContext;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeType;
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

/**
 * {@code $expand} by HL7's engine ({@link TxOperations} routes the request here in a session):
 * the value set expanded with the request's version rules, each code's status as FHIR defines it,
 * the text filter applied, and only what the request asked for echoed.
 */
final class EngineExpand {

    private EngineExpand() {
    }

    static org.hl7.fhir.r4.model.ValueSet expand(TxEngine.Session session, TxRequest request,
            String instanceUrl) {
        SimpleWorkerContext context = session.context();
        Parameters parameters = request.parameters().copy();
        boolean withoutUrl = request.resource("valueSet") instanceof ValueSet inline && !inline.hasUrl();
        ValueSet valueSet = TxOperations.valueSet(context, request, instanceUrl);
        ValueSetVersions versions = ValueSetVersions.choose(session, valueSet, SystemVersionRules.of(request));
        if (versions.problem() != null) {
            throw TxOperations.versionProblem(versions.problem());
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

    private static int countNested(List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        int n = 0;
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            n += 1 + countNested(c.getContains());
        }
        return n;
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

    private static BaseServerResponseException expansionFailure(ValueSetExpansionOutcome outcome) {
        OperationOutcome oo = new OperationOutcome();
        if (outcome.getIssues() != null && !outcome.getIssues().isEmpty()) {
            oo.getIssue().addAll(outcome.getIssues());
        } else {
            OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR);
            TerminologyServiceErrorClass errorClass = outcome.getErrorClass();
            issue.setCode(issueType(errorClass));
            if (errorClass == TerminologyServiceErrorClass.VALUESET_UNKNOWN) {
                issue.getDetails().addCoding(TxOperations.TX_ISSUE_TYPE, "not-found", null);
            }
            issue.getDetails().setText(outcome.getError());
        }
        int status = outcome.getErrorClass() == TerminologyServiceErrorClass.VALUESET_UNKNOWN ? 404
                : outcome.getErrorClass() == TerminologyServiceErrorClass.TOO_COSTLY ? 422 : 400;
        return TxOperations.failure(status, outcome.getError(), oo);
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
}
