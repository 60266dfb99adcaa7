package org.dermcode.terminology;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;

/** ConceptMap read, search and {@code $translate} (R4 names, and the R5 names clients also send). */
public final class ConceptMapProvider implements IResourceProvider {

    private final TerminologyRepository repository;
    private final TranslationService translation;

    public ConceptMapProvider(TerminologyRepository repository, TranslationService translation) {
        this.repository = repository;
        this.translation = translation;
    }

    @Override
    public Class<ConceptMap> getResourceType() {
        return ConceptMap.class;
    }

    @Read
    public ConceptMap read(@IdParam IdType id) {
        return ConformanceSearch.read(repository, ConceptMap.class, id);
    }

    @Search
    public List<ConceptMap> search(
            @Description(value = "The canonical URL, exactly")
            @OptionalParam(name = ConceptMap.SP_URL) UriParam url,
            @Description(value = "The business version, exactly")
            @OptionalParam(name = ConceptMap.SP_VERSION) TokenParam version,
            @Description(value = "The computer name: starts with, case-insensitive (:exact, :contains)")
            @OptionalParam(name = ConceptMap.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, ConceptMap.class, url, version, name);
    }

    @Description(shortDefinition = "Translate a code",
            value = "The codes a code maps to, for example the codes that replace a retired CPT code "
            + "(ConceptMap cpt-retired-replacements).")
    @Operation(name = "$translate", idempotent = true)
    public Parameters translate(
            @IdParam(optional = true) IdType id,
            @Description(value = "The ConceptMap URL",
                    example = "http://dermcode.org/fhir/ConceptMap/cpt-retired-replacements")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "A ConceptMap to use, sent in the body instead of url")
            @OperationParam(name = "conceptMap", min = 0, max = 1) ConceptMap conceptMap,
            @Description(value = "The ConceptMap version")
            @OperationParam(name = "conceptMapVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> conceptMapVersion,
            @Description(value = "The code to translate (with system)", example = "11100")
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @Description(value = "The code system of the code", example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @Description(value = "The code system version; the loaded edition when absent")
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @Description(value = "The code as a Coding, instead of code and system")
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @Description(value = "The code as a CodeableConcept; valid when one of its codings is")
            @OperationParam(name = "codeableConcept", min = 0, max = 1) CodeableConcept codeableConcept,
            @Description(value = "The value set the answers should come from")
            @OperationParam(name = "target", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> target,
            @Description(value = "The code system the answers should come from")
            @OperationParam(name = "targetsystem", typeName = "uri", min = 0, max = 1)
                    IPrimitiveType<String> targetsystem,
            @Description(value = "Translate from target to source")
            @OperationParam(name = "reverse", typeName = "boolean", min = 0, max = 1) IPrimitiveType<Boolean> reverse,
            @Description(value = "The R5 name of code")
            @OperationParam(name = "sourceCode", typeName = "code", min = 0, max = 1) IPrimitiveType<String> sourceCode,
            @Description(value = "The R5 name of system")
            @OperationParam(name = "sourceSystem", typeName = "uri", min = 0, max = 1)
                    IPrimitiveType<String> sourceSystem,
            @Description(value = "The R5 name of targetsystem")
            @OperationParam(name = "targetSystem", typeName = "uri", min = 0, max = 1)
                    IPrimitiveType<String> targetSystemR5,
            @Description(value = "R5: a target code to translate back to its sources (with targetSystem; "
                    + "sourceSystem then names the code system of the answers)")
            @OperationParam(name = "targetCode", typeName = "code", min = 0, max = 1) IPrimitiveType<String> targetCode,
            @Description(value = "R5: a target code as a Coding, to translate back to its sources")
            @OperationParam(name = "targetCoding", min = 0, max = 1) Coding targetCoding,
            @Description(value = "Extra CodeSystems, ValueSets or ConceptMaps to use for this request only (POST)")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource, conceptMap);
        IPrimitiveType<String> theCode = code != null ? code : sourceCode;
        IPrimitiveType<String> theSystem = system != null ? system : sourceSystem;
        String targetSystem = OperationArguments.text(targetsystem != null ? targetsystem : targetSystemR5);
        boolean fromTarget = OperationArguments.text(targetCode) != null || targetCoding != null && !targetCoding.isEmpty();
        if (fromTarget && (OperationArguments.text(theCode) != null || coding != null || codeableConcept != null)) {
            throw new InvalidRequestException("Parameters 'targetCode'/'targetCoding' and 'sourceCode'/'code'/'coding'"
                    + " are mutually exclusive: translate one way at a time");
        }
        List<Coding> codings;
        TranslationService.Direction direction;
        if (fromTarget) {
            // R5 reverse: the code is a target code (its system is targetSystem); the answers are in sourceSystem
            codings = OperationArguments.codings("targetCode", targetCode, "targetSystem", targetSystemR5, version,
                    "targetCoding", targetCoding, null, null, false);
            targetSystem = OperationArguments.text(theSystem);
            direction = TranslationService.Direction.FROM_TARGET;
        } else {
            codings = OperationArguments.codings("code", theCode, "system", theSystem, version, "coding",
                    coding, codeableConcept, null, false);
            direction = OperationArguments.bool("reverse", reverse, false) ? TranslationService.Direction.REVERSE
                    : TranslationService.Direction.FORWARD;
        }
        String targetValueSet = OperationArguments.text(target);
        List<ConceptMap> maps;
        String urlText = OperationArguments.text(url);
        if (conceptMap != null) {
            maps = List.of(conceptMap);
        } else if (id != null && id.hasIdPart()) {
            maps = List.of(ConformanceSearch.read(scope, ConceptMap.class, id));
        } else if (urlText != null) {
            maps = List.of(scope.conceptMap(urlText, OperationArguments.text(conceptMapVersion))
                    .orElseThrow(() -> new ResourceNotFoundException("Unknown ConceptMap " + urlText)));
        } else {
            maps = scope.everyVersion(ConceptMap.class).stream()
                    .filter(m -> targetValueSet == null || targetValueSet.equals(m.getTargetUriType().getValue())
                            || targetValueSet.equals(m.hasTargetCanonicalType() ? m.getTargetCanonicalType().getValue()
                            : null))
                    .toList();
        }
        if (codings.stream().anyMatch(c -> !c.hasSystem()) && maps.size() > 1) {
            throw new InvalidRequestException("Parameter 'system' is required with 'code' unless a ConceptMap is named");
        }
        return translation.translate(maps, codings, targetSystem, direction);
    }
}
