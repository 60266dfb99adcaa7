package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/** {@code ConceptMap/$translate}, forwards or in reverse, over one map or every map the server holds. */
public final class TranslationService {

    public Parameters translate(List<ConceptMap> maps, List<Coding> codings, String targetSystem, boolean reverse) {
        Parameters out = new Parameters();
        List<ParametersParameterComponent> matches = new ArrayList<>();
        boolean result = false;
        for (Coding coding : codings) {
            String system = SystemUrls.normalize(coding.getSystem());
            for (ConceptMap map : maps) {
                for (ConceptMapGroupComponent group : map.getGroup()) {
                    String source = SystemUrls.normalize(reverse ? group.getTarget() : group.getSource());
                    String target = SystemUrls.normalize(reverse ? group.getSource() : group.getTarget());
                    if (system != null && source != null && !system.equals(source)) {
                        continue;
                    }
                    if (targetSystem != null && target != null && !SystemUrls.normalize(targetSystem).equals(target)) {
                        continue;
                    }
                    for (SourceElementComponent element : group.getElement()) {
                        for (TargetElementComponent t : element.getTarget()) {
                            boolean hit = reverse ? coding.getCode().equals(t.getCode())
                                    : coding.getCode().equals(element.getCode());
                            if (!hit) {
                                continue;
                            }
                            ConceptMapEquivalence equivalence = t.hasEquivalence() ? t.getEquivalence()
                                    : ConceptMapEquivalence.EQUIVALENT;
                            if (equivalence != ConceptMapEquivalence.UNMATCHED
                                    && equivalence != ConceptMapEquivalence.DISJOINT) {
                                result = true;
                            }
                            ParametersParameterComponent match = new ParametersParameterComponent().setName("match");
                            match.addPart().setName("equivalence").setValue(new CodeType(equivalence.toCode()));
                            Coding concept = reverse
                                    ? new Coding(target, element.getCode(), element.getDisplay())
                                    : new Coding(target, t.getCode(), t.getDisplay());
                            match.addPart().setName("concept").setValue(concept);
                            if (t.hasComment()) {
                                match.addPart().setName("comment").setValue(new StringType(t.getComment()));
                            }
                            match.addPart().setName("source").setValue(new UriType(map.getUrl()));
                            matches.add(match);
                        }
                    }
                }
            }
        }
        out.addParameter().setName("result").setValue(new BooleanType(result));
        if (!result) {
            out.addParameter().setName("message").setValue(new StringType(matches.isEmpty()
                    ? "No mapping found for " + describe(codings)
                    : "Only unmatched or disjoint mappings found for " + describe(codings)));
        }
        matches.forEach(out::addParameter);
        return out;
    }

    private static String describe(List<Coding> codings) {
        List<String> parts = new ArrayList<>();
        for (Coding c : codings) {
            parts.add((c.hasSystem() ? c.getSystem() + "|" : "") + c.getCode());
        }
        return String.join(", ", parts);
    }
}
