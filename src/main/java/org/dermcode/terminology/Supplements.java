package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;

/**
 * CodeSystem supplements ({@code content = supplement}) that a request brings as {@code tx-resource}s.
 * A supplement is used only where the request names it: a {@code useSupplement} parameter, or the
 * {@code valueset-supplement} extension of the value set the operation is on. Each named supplement
 * is merged into a copy of the code system it supplements (its designations, properties and
 * concept extensions added to the concepts of the same code), and that copy stands for the code
 * system for this request only; a supplement that is not named changes nothing. A named supplement
 * the request does not hold is refused (404, {@code not-found}).
 *
 * <p>HL7's engine (6.6.7) never sees a supplement as one: it would merge every supplement it holds,
 * named or not, and refuses a supplement property that is not a {@code code}. So the supplements
 * reach it without their {@code supplements} element (it still knows them as supplements, and
 * refuses one used as a code system), and a value set's supplement requirement that the request
 * satisfies is taken off the engine's copy of the value set.
 */
final class Supplements {

    static final String VALUESET_SUPPLEMENT = "http://hl7.org/fhir/StructureDefinition/valueset-supplement";

    /** The request parameter that names a supplement to use. */
    static final String USE_SUPPLEMENT = "useSupplement";


    /** User data on a merged designation: the versioned url of the supplement it came from. */
    static final String SOURCE = "dermcode.supplement.source";

    private Supplements() {
    }

    /**
     * The request as the engine and the lookup see it, and the supplements used (versioned urls,
     * in the order named).
     */
    record Applied(TxRequest request, List<String> used, Map<String, List<Extension>> extensions) {

        /**
         * An expansion of a value set whose supplement requirements were taken off the engine's copy
         * gets the value set's own extensions back (the answer echoes the value set as it is).
         */
        void restore(ValueSet expansion) {
            List<Extension> own = extensions.get(expansion.getUrl() + "|" + expansion.getVersion());
            if (own != null) {
                expansion.setExtension(new ArrayList<>(own.stream().map(Extension::copy).toList()));
            }
        }
    }

    /**
     * Applies the supplements the request names to its resources. {@code valueSetUrl}: the url of
     * the value set the operation is on (a {@code url|version} canonical, the instance's url), or
     * null for a code system operation; {@code hosted}: our code systems by url (a supplement may
     * supplement one of ours).
     *
     * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException 404 for a named supplement the request does not hold
     */
    static Applied apply(TxRequest request, String valueSetUrl, java.util.function.Function<String, CodeSystem> hosted) {
        List<CodeSystem> supplements = new ArrayList<>();
        for (IBaseResource resource : request.resources()) {
            if (resource instanceof CodeSystem cs && isSupplement(cs)) {
                supplements.add(cs);
            }
        }
        Set<String> named = named(request, valueSetUrl);
        if (supplements.isEmpty() && named.isEmpty()) {
            return new Applied(request, List.of(), Map.of());
        }
        List<CodeSystem> chosen = new ArrayList<>();
        for (String canonical : named) {
            CodeSystem supplement = find(supplements, canonical);
            if (supplement == null) {
                throw missing(canonical);
            }
            if (!chosen.contains(supplement)) {
                chosen.add(supplement);
            }
        }
        List<IBaseResource> resources = new ArrayList<>();
        List<CodeSystem> supplemented = new ArrayList<>();
        Map<String, List<Extension>> extensions = new HashMap<>();
        for (IBaseResource resource : request.resources()) {
            if (resource instanceof CodeSystem cs && isSupplement(cs)) {
                resources.add(withoutTarget(cs));
            } else if (resource instanceof CodeSystem cs && !applying(chosen, cs).isEmpty()) {
                resources.add(merge(cs, applying(chosen, cs)));
                supplemented.add(cs);
            } else if (resource instanceof ValueSet vs && hasSupplementExtension(vs)) {
                resources.add(withoutSatisfied(vs, supplements));
                extensions.put(vs.getUrl() + "|" + vs.getVersion(), vs.getExtension());
            } else {
                resources.add(resource);
            }
        }
        // a supplement of one of our code systems: the merged copy stands for ours in this request
        for (CodeSystem supplement : chosen) {
            String target = supplement.hasSupplements() ? url(supplement.getSupplements()) : null;
            if (target != null && supplemented.stream().noneMatch(cs -> target.equals(cs.getUrl()))) {
                CodeSystem ours = hosted.apply(target);
                if (ours != null && !applying(chosen, ours).isEmpty() && resources.stream().noneMatch(r ->
                        r instanceof CodeSystem cs && target.equals(cs.getUrl()) && !isSupplement(cs))) {
                    resources.add(merge(ours, applying(chosen, ours)));
                }
            }
        }
        org.hl7.fhir.r5.model.Parameters parameters = request.parameters().copy();
        parameters.getParameter().removeIf(p -> p.getName().equals(USE_SUPPLEMENT));
        for (ParametersParameterComponent p : parameters.getParameter()) {
            if (p.getName().equals("valueSet") && p.getResource() instanceof org.hl7.fhir.r5.model.ValueSet inline) {
                inline.getExtension().removeIf(e -> VALUESET_SUPPLEMENT.equals(e.getUrl())
                        && e.getValue() != null && find(supplements, e.getValue().primitiveValue()) != null);
            }
        }
        List<String> used = chosen.stream().map(Supplements::versionedUrl).toList();
        return new Applied(new TxRequest(parameters, resources, request.acceptLanguage()), used, extensions);
    }

    static boolean isSupplement(CodeSystem cs) {
        return cs.getContent() == CodeSystemContentMode.SUPPLEMENT || cs.hasSupplements();
    }

    /**
     * The supplements the request names: its {@code useSupplement} parameters, then the
     * {@code valueset-supplement} extensions of its value set (the inline {@code valueSet}, or the
     * request's value sets with the url of the one the operation is on).
     */
    static Set<String> named(TxRequest request, String valueSetUrl) {
        Set<String> named = new LinkedHashSet<>();
        for (ParametersParameterComponent p : request.all(USE_SUPPLEMENT)) {
            if (p.getValue() != null && p.getValue().primitiveValue() != null) {
                named.add(p.getValue().primitiveValue().strip());
            }
        }
        if (request.resource("valueSet") instanceof org.hl7.fhir.r5.model.ValueSet inline) {
            for (org.hl7.fhir.r5.model.Extension e : inline.getExtensionsByUrl(VALUESET_SUPPLEMENT)) {
                if (e.getValue() != null && e.getValue().primitiveValue() != null) {
                    named.add(e.getValue().primitiveValue());
                }
            }
            return named;
        }
        if (valueSetUrl == null) {
            return named;
        }
        String url = url(valueSetUrl);
        String version = valueSetUrl.contains("|") ? valueSetUrl.substring(valueSetUrl.indexOf('|') + 1)
                : request.text("valueSetVersion");
        for (IBaseResource resource : request.resources()) {
            if (resource instanceof ValueSet vs && url.equals(vs.getUrl())
                    && (version == null || version.equals(vs.getVersion()))) {
                for (Extension e : vs.getExtensionsByUrl(VALUESET_SUPPLEMENT)) {
                    if (e.getValue() != null && e.getValue().primitiveValue() != null) {
                        named.add(e.getValue().primitiveValue());
                    }
                }
            }
        }
        return named;
    }

    /** The supplement a canonical names: {@code url|version} that version, a bare url its newest version. */
    static CodeSystem find(List<CodeSystem> supplements, String canonical) {
        String url = url(canonical);
        String version = canonical.contains("|") ? canonical.substring(canonical.indexOf('|') + 1) : null;
        CodeSystem found = null;
        for (CodeSystem supplement : supplements) {
            if (!url.equals(supplement.getUrl())) {
                continue;
            }
            if (version != null) {
                if (version.equals(supplement.getVersion())) {
                    return supplement;
                }
            } else if (found == null || supplement.hasVersion() && (!found.hasVersion()
                    || SystemVersionRules.compare(supplement.getVersion(), found.getVersion()) > 0)) {
                found = supplement;
            }
        }
        return found;
    }

    /** The chosen supplements that supplement this code system (its url, and its version when they name one). */
    private static List<CodeSystem> applying(List<CodeSystem> chosen, CodeSystem cs) {
        List<CodeSystem> result = new ArrayList<>();
        for (CodeSystem supplement : chosen) {
            String target = supplement.getSupplements();
            if (target == null || !url(target).equals(cs.getUrl())) {
                continue;
            }
            if (!target.contains("|") || target.substring(target.indexOf('|') + 1).equals(cs.getVersion())) {
                result.add(supplement);
            }
        }
        return result;
    }

    /**
     * A copy of the code system with the supplements merged in: each supplement's property
     * definitions it lacks, and on the concept of the same code the supplement concept's
     * designations (its display too, as a designation in the supplement's language), properties
     * and extensions. The designations remember their supplement ({@link #SOURCE}).
     */
    static CodeSystem merge(CodeSystem base, List<CodeSystem> supplements) {
        CodeSystem merged = base.copy();
        Map<String, ConceptDefinitionComponent> byCode = new HashMap<>();
        index(merged.getConcept(), byCode);
        for (CodeSystem supplement : supplements) {
            String source = versionedUrl(supplement);
            for (PropertyComponent property : supplement.getProperty()) {
                if (merged.getProperty().stream().noneMatch(p -> p.getCode().equals(property.getCode()))) {
                    merged.addProperty(property.copy());
                }
            }
            List<ConceptDefinitionComponent> todo = new ArrayList<>(supplement.getConcept());
            while (!todo.isEmpty()) {
                ConceptDefinitionComponent extra = todo.remove(0);
                todo.addAll(extra.getConcept());
                ConceptDefinitionComponent concept = byCode.get(extra.getCode());
                if (concept == null) {
                    continue; // a supplement cannot add codes
                }
                if (extra.hasDisplay()) {
                    ConceptDefinitionDesignationComponent display = concept.addDesignation()
                            .setValue(extra.getDisplay());
                    if (supplement.hasLanguage()) {
                        display.setLanguage(supplement.getLanguage());
                    }
                    display.setUserData(SOURCE, source);
                }
                for (ConceptDefinitionDesignationComponent d : extra.getDesignation()) {
                    ConceptDefinitionDesignationComponent copy = d.copy();
                    copy.setUserData(SOURCE, source);
                    concept.addDesignation(copy);
                }
                for (ConceptPropertyComponent p : extra.getProperty()) {
                    concept.addProperty(p.copy());
                }
                for (Extension e : extra.getExtension()) {
                    concept.addExtension(e.copy());
                }
            }
        }
        return merged;
    }

    private static void index(List<ConceptDefinitionComponent> concepts, Map<String, ConceptDefinitionComponent> byCode) {
        for (ConceptDefinitionComponent concept : concepts) {
            if (concept.hasCode()) {
                byCode.putIfAbsent(concept.getCode(), concept);
            }
            index(concept.getConcept(), byCode);
        }
    }

    /** The supplement as the engine holds it: still a supplement, but not one it merges by itself. */
    private static CodeSystem withoutTarget(CodeSystem supplement) {
        CodeSystem copy = supplement.copy();
        copy.setSupplementsElement(null);
        copy.setContent(CodeSystemContentMode.SUPPLEMENT);
        return copy;
    }

    private static boolean hasSupplementExtension(ValueSet vs) {
        return vs.getExtension().stream().anyMatch(e -> VALUESET_SUPPLEMENT.equals(e.getUrl()));
    }

    /** The value set without the supplement requirements the request's supplements satisfy. */
    private static ValueSet withoutSatisfied(ValueSet vs, List<CodeSystem> supplements) {
        ValueSet copy = vs.copy();
        copy.getExtension().removeIf(e -> VALUESET_SUPPLEMENT.equals(e.getUrl()) && e.getValue() != null
                && find(supplements, e.getValue().primitiveValue()) != null);
        return copy;
    }

    static String versionedUrl(CodeSystem cs) {
        return cs.hasVersion() ? cs.getUrl() + "|" + cs.getVersion() : cs.getUrl();
    }

    private static String url(String canonical) {
        return canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
    }

    /** A named supplement the request does not hold: 404, tx-issue-type {@code not-found}. */
    private static ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException missing(String canonical) {
        String text = TxMessages.format("VALUESET_SUPPLEMENT_MISSING", canonical);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue(TxOperations.issue(IssueSeverity.ERROR, IssueType.NOTFOUND, "VALUESET_SUPPLEMENT_MISSING",
                "not-found", text));
        return TxOperations.failure(404, text, outcome);
    }
}
