package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.DataType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.ValueSet;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionContainsComponent;
import org.hl7.fhir.r5.terminologies.expansion.ValueSetExpansionOutcome;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationOptions;

/**
 * {@code ValueSet/$validate-code} of a coding without a version, in a value set that uses its code
 * system in more than one version: the code is in the value set if one of those versions has it
 * there, and it is checked in that version (HL7's engine 6.6.7 sees one version per url and
 * checks the newest only).
 *
 * <p>The value set's codes come from {@link ComposedExpansion} (excludes across versions
 * included). Of the versions that hold the code there, newest first, the first in which the coding
 * is valid (its display too) is taken, else the newest. The engine then checks the coding with
 * that version, against the value set narrowed to the codes the request asks about (the same url
 * and version, so its messages name the value set), which it can read with one version per code.
 */
final class MultiVersionCodings {

    /** The request with versions given to its codings, and the value set to check them in. */
    record Resolved(TxRequest request, ValueSet valueSet) {
    }

    private MultiVersionCodings() {
    }

    /** The request and value set the engine should check, or null when no coding needs it. */
    static Resolved resolve(TxEngine.Session session, ValueSet valueSet, TxRequest request,
            SystemVersionRules rules, ValidationOptions options) {
        if (valueSet == null || !ComposedExpansion.differingVersions(valueSet)) {
            return null;
        }
        List<Coding> codings = codings(request);
        if (codings.stream().noneMatch(c -> c.hasSystem() && c.hasCode() && !c.hasVersion())) {
            return null;
        }
        ValueSetVersions versions = ValueSetVersions.choose(session, valueSet, rules);
        if (versions.problem() != null) {
            return null;
        }
        // once per value set and request: the entries of a batch share it
        ValueSetExpansionOutcome expanded = session.remember(new Key("members", valueSet),
                () -> ComposedExpansion.expand(session, valueSet, versions, new Parameters()));
        if (expanded.getValueset() == null) {
            return null;
        }
        List<ValueSetExpansionContainsComponent> members = expanded.getValueset().getExpansion().getContains();
        ValueSet narrowed = narrowed(valueSet);
        boolean changed = false;
        List<Coding> checked = new ArrayList<>();
        for (Coding coding : codings) {
            Coding copy = coding.copy();
            List<String> held = new ArrayList<>();
            for (ValueSetExpansionContainsComponent c : members) {
                if (coding.hasSystem() && coding.getSystem().equals(c.getSystem()) && coding.getCode() != null
                        && coding.getCode().equals(c.getCode())) {
                    held.add(c.getVersion());
                }
            }
            if (!held.isEmpty() && !coding.hasVersion() && held.stream().anyMatch(v -> v != null)) {
                copy.setVersion(firstValid(session, options, coding, held));
                changed = true;
            }
            if (!held.isEmpty()) {
                narrowed.getCompose().addInclude().setSystem(copy.getSystem()).setVersion(
                        copy.hasVersion() ? copy.getVersion() : held.get(0)).addConcept().setCode(copy.getCode());
            }
            checked.add(copy);
        }
        return changed ? new Resolved(withCodings(request, checked), narrowed) : null;
    }

    /** A value set's remembered work in a session (by identity: the value set object the request checks against). */
    private record Key(String what, Object of) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.what.equals(what) && k.of == of;
        }

        @Override
        public int hashCode() {
            return what.hashCode() * 31 + System.identityHashCode(of);
        }
    }

    /**
     * The first version (newest first) in which the coding is valid in its code system, else the
     * first. Each try costs the engine the code system's concepts; one request's tries share
     * {@link EngineCost#MAX_ENTRIES} (beyond it, the newest version is taken untried), so a request
     * cannot multiply the engine's work by naming many versions or many codings.
     */
    private static String firstValid(TxEngine.Session session, ValidationOptions options, Coding coding,
            List<String> held) {
        Set<String> candidates = new LinkedHashSet<>();
        held.stream().filter(v -> v != null).forEach(candidates::add);
        long[] budget = session.remember(new Key("tries", MultiVersionCodings.class),
                () -> new long[] {EngineCost.MAX_ENTRIES});
        for (String version : candidates) {
            org.hl7.fhir.r5.model.CodeSystem cs = session.context().fetchResource(
                    org.hl7.fhir.r5.model.CodeSystem.class, coding.getSystem(), version);
            long cost = 1 + (cs == null ? 0 : EngineCost.entries(cs.getConcept()));
            if (cost > budget[0]) {
                break;
            }
            budget[0] -= cost;
            org.hl7.fhir.r5.terminologies.utilities.ValidationResult result = session.context().validateCode(options,
                    coding.copy().setVersion(version), (ValueSet) null);
            if (result.getSeverity() != ValidationMessage.IssueSeverity.ERROR
                    && result.getSeverity() != ValidationMessage.IssueSeverity.FATAL) {
                return version;
            }
        }
        return candidates.iterator().next();
    }

    /** The codings the request asks about: its code+system, coding or codeableConcept. */
    private static List<Coding> codings(TxRequest request) {
        if (request.has("code")) {
            Coding coding = new Coding(request.text("system"), request.text("code"), request.text("display"));
            if (request.has("systemVersion")) {
                coding.setVersion(request.text("systemVersion"));
            }
            return coding.hasSystem() ? List.of(coding) : List.of();
        }
        if (request.value("coding") instanceof Coding coding) {
            return List.of(coding);
        }
        if (request.value("codeableConcept") instanceof CodeableConcept concept) {
            return concept.getCoding();
        }
        return List.of();
    }

    /** The request with its codings replaced by {@code checked} (in the same order). */
    private static TxRequest withCodings(TxRequest request, List<Coding> checked) {
        Parameters parameters = new Parameters();
        for (ParametersParameterComponent p : request.parameters().getParameter()) {
            DataType value = p.getValue();
            if (p.getName().equals("coding") && value instanceof Coding) {
                parameters.addParameter().setName("coding").setValue(checked.get(0));
            } else if (p.getName().equals("codeableConcept") && value instanceof CodeableConcept concept) {
                CodeableConcept copy = concept.copy();
                copy.getCoding().clear();
                copy.getCoding().addAll(checked);
                parameters.addParameter().setName("codeableConcept").setValue(copy);
            } else if (p.getName().equals("systemVersion") && request.has("code")) {
                continue;
            } else {
                parameters.addParameter(p.copy());
            }
        }
        if (request.has("code") && checked.get(0).hasVersion()) {
            parameters.addParameter().setName("systemVersion").setValue(new StringType(checked.get(0).getVersion()));
        }
        return new TxRequest(parameters, request.resources(), request.acceptLanguage());
    }

    /** The value set's url, version and metadata, with no rules yet. */
    private static ValueSet narrowed(ValueSet valueSet) {
        ValueSet narrowed = new ValueSet();
        narrowed.setUrl(valueSet.getUrl());
        narrowed.setVersion(valueSet.getVersion());
        narrowed.setName(valueSet.getName());
        narrowed.setStatus(valueSet.getStatus());
        narrowed.setLanguage(valueSet.getLanguage());
        if (valueSet.getCompose().hasInactive()) {
            narrowed.getCompose().setInactive(valueSet.getCompose().getInactive());
        }
        return narrowed;
    }
}
