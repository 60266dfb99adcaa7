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
import org.hl7.fhir.r4.model.CanonicalType;

/** {@code ConceptMap/$translate}, forwards or in reverse, over one map or every map the server holds. */
public final class TranslationService {

    /** Which way a code is translated, and how a match names the codes. */
    public enum Direction {
        /** From a map's source code to its targets: {@code concept} is a target. */
        FORWARD,
        /** R4 {@code reverse=true}: from a target code back to the sources; {@code concept} is a source. */
        REVERSE,
        /**
         * R5 {@code targetCode}/{@code targetCoding}: from a target code back to the sources; each
         * match names the mapping as the map holds it, {@code concept} its target and
         * {@code source} its source code.
         */
        FROM_TARGET
    }

    public Parameters translate(List<ConceptMap> maps, List<Coding> codings, String targetSystem, boolean reverse) {
        return translate(maps, codings, targetSystem, reverse ? Direction.REVERSE : Direction.FORWARD);
    }

    /**
     * @param answerSystem the code system the answers must come from (R4 {@code targetsystem}; in
     *                     reverse, the source system), or null for any
     */
    public Parameters translate(List<ConceptMap> maps, List<Coding> codings, String answerSystem, Direction direction) {
        boolean reverse = direction != Direction.FORWARD;
        String targetSystem = answerSystem;
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
                            Coding sourceCoding = new Coding(SystemUrls.normalize(group.getSource()), element.getCode(),
                                    element.getDisplay());
                            Coding targetCoding = new Coding(SystemUrls.normalize(group.getTarget()), t.getCode(), t.getDisplay());
                            match.addPart().setName("concept").setValue(
                                    direction == Direction.REVERSE ? sourceCoding : targetCoding);
                            if (direction == Direction.FROM_TARGET) {
                                match.addPart().setName("source").setValue(sourceCoding);
                            }
                            if (t.hasComment()) {
                                match.addPart().setName("comment").setValue(new StringType(t.getComment()));
                            }
                            // the map the match comes from, as url|version (R4 calls it 'source', R5 'originMap';
                            // the R5 name, since R5's 'source' is the source code of a reverse match)
                            match.addPart().setName("originMap").setValue(new CanonicalType(
                                    map.hasVersion() ? map.getUrl() + "|" + map.getVersion() : map.getUrl()));
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
