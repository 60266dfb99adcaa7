package org.dermcode.terminology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyComponent;
import org.hl7.fhir.r4.model.CodeType;

/**
 * A CodeSystem indexed for lookups: concepts by code, the is-a hierarchy (from nesting and the
 * {@code parent} property) and the declared properties. Built once; read-only afterwards.
 */
public final class CodeSystemIndex {

    private final CodeSystem codeSystem;
    private final String url;
    private final Map<String, Concept> concepts = new LinkedHashMap<>();
    private final Map<String, Concept> conceptsIgnoringCase = new LinkedHashMap<>();
    private final Map<String, PropertyComponent> properties = new LinkedHashMap<>();
    private final List<Concept> roots = new ArrayList<>();
    private final Map<String, String> codesWithoutDots = new LinkedHashMap<>();
    private final Optional<CodeSyntax> syntax;
    private final boolean ownDisplays;

    /**
     * The extension that marks a code system whose displays are DermCode's own brief wording (CPT and
     * HCPCS: CPT descriptors are AMA copyright), not the official descriptors.
     */
    public static final String OWN_DISPLAYS = "http://dermcode.org/fhir/StructureDefinition/own-displays";

    public CodeSystemIndex(CodeSystem codeSystem, String source) {
        this.codeSystem = codeSystem;
        this.url = SystemUrls.normalize(codeSystem.getUrl());
        this.syntax = CodeSyntax.of(codeSystem, source);
        org.hl7.fhir.r4.model.Extension ownDisplaysMark = codeSystem.getExtensionByUrl(OWN_DISPLAYS);
        this.ownDisplays = ownDisplaysMark != null
                && ownDisplaysMark.getValue() instanceof org.hl7.fhir.r4.model.BooleanType own && own.booleanValue();
        for (PropertyComponent p : codeSystem.getProperty()) {
            properties.put(p.getCode(), p);
        }
        for (ConceptDefinitionComponent c : codeSystem.getConcept()) {
            add(c, null, source);
        }
        for (Concept concept : concepts.values()) {
            for (ConceptPropertyComponent p : concept.definition().getProperty()) {
                if (!properties.containsKey(p.getCode())) {
                    throw new TerminologyLoadException(source + ": concept " + concept.code()
                            + " uses property '" + p.getCode() + "' that the CodeSystem does not declare");
                }
                if ("parent".equals(p.getCode()) && p.getValue() instanceof CodeType parent) {
                    Concept parentConcept = concepts.get(parent.getCode());
                    if (parentConcept == null) {
                        throw new TerminologyLoadException(source + ": concept " + concept.code()
                                + " has parent '" + parent.getCode() + "' that is not in the CodeSystem");
                    }
                    concept.addParent(parentConcept.code());
                    parentConcept.addChild(concept.code());
                }
            }
        }
        for (Concept concept : concepts.values()) {
            if (concept.parents().isEmpty()) {
                roots.add(concept);
            }
        }
    }

    private void add(ConceptDefinitionComponent definition, Concept parent, String source) {
        if (!definition.hasCode() || definition.getCode().isBlank()) {
            throw new TerminologyLoadException(source + ": a concept has no code");
        }
        if (concepts.containsKey(definition.getCode())) {
            throw new TerminologyLoadException(source + ": concept " + definition.getCode() + " is defined twice");
        }
        Concept concept = new Concept(definition);
        concepts.put(definition.getCode(), concept);
        conceptsIgnoringCase.putIfAbsent(definition.getCode().toUpperCase(Locale.ROOT), concept);
        if (definition.getCode().contains(".")) {
            codesWithoutDots.putIfAbsent(definition.getCode().replace(".", ""), definition.getCode());
        }
        if (parent != null) {
            concept.addParent(parent.code());
            parent.addChild(concept.code());
        }
        for (ConceptDefinitionComponent child : definition.getConcept()) {
            add(child, concept, source);
        }
    }

    public CodeSystem codeSystem() {
        return codeSystem;
    }

    public String url() {
        return url;
    }

    public String version() {
        return codeSystem.getVersion();
    }

    /** The shape of this system's codes, if its CodeSystem states one ({@link CodeSyntax}). */
    public Optional<CodeSyntax> syntax() {
        return syntax;
    }

    /** For a code written without its dots (C44311, as X12 sends ICD-10-CM), the held code it means (C44.311). */
    public Optional<String> codeWithDots(String code) {
        return code == null || code.contains(".") ? Optional.empty() : Optional.ofNullable(codesWithoutDots.get(code));
    }

    /**
     * What to add to "code X is not in this code system": the held code it probably means, and,
     * when its shape cannot be one of this system's codes, the system's code syntax. Empty when
     * there is nothing to add.
     */
    public String unknownCodeHint(String code) {
        StringBuilder hint = new StringBuilder();
        codeWithDots(code).ifPresent(known -> hint.append("; did you mean ").append(known).append("?"));
        syntax.filter(s -> !s.allows(code)).ifPresent(s -> hint.append("; it cannot be one: ").append(s.description()));
        return hint.toString();
    }

    /**
     * Whether the displays are DermCode's own wording: a client's display that differs (the official
     * descriptor, say) is then not wrong, and {@code $validate-code} warns instead of failing.
     */
    public boolean hasOwnDisplays() {
        return ownDisplays;
    }

    public boolean isFragment() {
        return codeSystem.getContent() == CodeSystem.CodeSystemContentMode.FRAGMENT;
    }

    public Optional<Concept> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Concept exact = concepts.get(code);
        if (exact != null || isCaseSensitive()) {
            return Optional.ofNullable(exact);
        }
        return Optional.ofNullable(conceptsIgnoringCase.get(code.toUpperCase(Locale.ROOT)));
    }

    public boolean isCaseSensitive() {
        return !codeSystem.hasCaseSensitive() || codeSystem.getCaseSensitive();
    }

    public Map<String, PropertyComponent> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * All concepts, depth-first in the order of the file. Listed once (the index does not change
     * after construction): an expansion walks it for every include.
     */
    public List<Concept> concepts() {
        List<Concept> listed = ordered;
        if (listed == null) {
            List<Concept> all = new ArrayList<>(concepts.size());
            Set<String> seen = new HashSet<>();
            for (Concept root : roots) {
                collect(root, all, seen);
            }
            listed = Collections.unmodifiableList(all);
            ordered = listed;
        }
        return listed;
    }

    private volatile List<Concept> ordered;

    private void collect(Concept concept, List<Concept> out, Set<String> seen) {
        if (!seen.add(concept.code())) {
            return;
        }
        out.add(concept);
        for (String child : concept.children()) {
            collect(concepts.get(child), out, seen);
        }
    }

    /** The concept and every concept below it. */
    public Set<String> selfAndDescendants(String code) {
        Set<String> result = new java.util.LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        find(code).ifPresent(c -> todo.add(c.code()));
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (result.add(next)) {
                todo.addAll(concepts.get(next).children());
            }
        }
        return result;
    }

    /** True when {@code ancestor} is {@code code} itself or one of its ancestors. */
    public boolean subsumes(String ancestor, String code) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(code);
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (next.equals(ancestor)) {
                return true;
            }
            if (seen.add(next)) {
                Concept concept = concepts.get(next);
                if (concept != null) {
                    todo.addAll(concept.parents());
                }
            }
        }
        return false;
    }

    public int size() {
        return concepts.size();
    }
}
