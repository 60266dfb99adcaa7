package org.dermcode.terminology;

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
import java.util.Date;
import java.util.List;
import org.dermcode.config.DermcodeProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;

/** ValueSet read, search, {@code $expand} and {@code $validate-code}. */
public final class ValueSetProvider implements IResourceProvider {

    private final TerminologyRepository repository;
    private final ExpansionService expansions;
    private final CodeValidationService validation;
    private final DermcodeProperties.Expansion limits;

    public ValueSetProvider(TerminologyRepository repository, ExpansionService expansions,
            CodeValidationService validation, DermcodeProperties.Expansion limits) {
        this.repository = repository;
        this.expansions = expansions;
        this.validation = validation;
        this.limits = limits;
    }

    @Override
    public Class<ValueSet> getResourceType() {
        return ValueSet.class;
    }

    @Read
    public ValueSet read(@IdParam IdType id) {
        return ConformanceSearch.read(repository, ValueSet.class, id);
    }

    @Search
    public List<ValueSet> search(
            @OptionalParam(name = ValueSet.SP_URL) UriParam url,
            @OptionalParam(name = ValueSet.SP_VERSION) TokenParam version,
            @OptionalParam(name = ValueSet.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, ValueSet.class, url, version, name);
    }

    @Operation(name = "$expand", idempotent = true)
    public ValueSet expand(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @OperationParam(name = "valueSet", min = 0, max = 1) ValueSet valueSet,
            @OperationParam(name = "valueSetVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> valueSetVersion,
            @OperationParam(name = "filter", typeName = "string", min = 0, max = 1) IPrimitiveType<String> filter,
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @OperationParam(name = "offset", typeName = "integer", min = 0, max = 1) IPrimitiveType<Integer> offset,
            @OperationParam(name = "count", typeName = "integer", min = 0, max = 1) IPrimitiveType<Integer> count,
            @OperationParam(name = "includeDesignations", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> includeDesignations,
            @OperationParam(name = "activeOnly", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> activeOnly,
            @OperationParam(name = "excludeNested", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> excludeNested,
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @OperationParam(name = "system-version", typeName = "canonical", min = 0,
                    max = OperationParam.MAX_UNLIMITED) List<IPrimitiveType<String>> systemVersion,
            @OperationParam(name = "property", typeName = "string", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IPrimitiveType<String>> property,
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource);
        ValueSet target = resolve(scope, id, url, valueSet, valueSetVersion);
        String filterText = OperationArguments.text(filter);
        if (filterText != null && filterText.length() > TextFilter.MAX_LENGTH) {
            throw new InvalidRequestException("Parameter 'filter' is longer than " + TextFilter.MAX_LENGTH + " characters");
        }
        Integer requestedCount = OperationArguments.integer("count", count);
        Integer requestedOffset = OperationArguments.integer("offset", offset);
        int effectiveCount = Math.min(requestedCount == null ? limits.defaultCount() : requestedCount, limits.maxCount());
        List<String> properties = OperationArguments.texts(property);
        checkProperties(scope, properties);
        ExpandRequest request = new ExpandRequest(target, filterText, OperationArguments.date("date", date),
                requestedOffset == null ? 0 : requestedOffset, effectiveCount,
                OperationArguments.bool("includeDesignations", includeDesignations, false),
                OperationArguments.bool("activeOnly", activeOnly, false),
                OperationArguments.bool("excludeNested", excludeNested, false),
                OperationArguments.text(displayLanguage), properties);
        return expansions.expand(request, scope);
    }

    @Operation(name = "$validate-code", idempotent = true)
    public Parameters validateCode(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @OperationParam(name = "valueSet", min = 0, max = 1) ValueSet valueSet,
            @OperationParam(name = "valueSetVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> valueSetVersion,
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @OperationParam(name = "systemVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> systemVersion,
            @OperationParam(name = "display", typeName = "string", min = 0, max = 1) IPrimitiveType<String> display,
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @OperationParam(name = "codeableConcept", min = 0, max = 1) CodeableConcept codeableConcept,
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @OperationParam(name = "abstract", typeName = "boolean", min = 0, max = 1) IPrimitiveType<Boolean> isAbstract,
            @OperationParam(name = "activeOnly", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> activeOnly,
            @OperationParam(name = "inferSystem", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> inferSystem,
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource);
        ValueSet target = resolve(scope, id, url, valueSet, valueSetVersion);
        boolean infer = OperationArguments.bool("inferSystem", inferSystem, false);
        List<Coding> codings = OperationArguments.codings("code", code, "system", system, systemVersion, "coding",
                coding, codeableConcept, null, !infer);
        String displayText = OperationArguments.text(display);
        if (displayText != null) {
            codings.forEach(c -> c.setDisplay(displayText));
        }
        return validation.inValueSet(scope, target, codings, OperationArguments.date("date", date),
                OperationArguments.bool("abstract", isAbstract, false),
                OperationArguments.bool("activeOnly", activeOnly, false), infer).toParameters();
    }

    private static ValueSet resolve(TerminologyRepository scope, IdType id, IPrimitiveType<String> url,
            ValueSet inline, IPrimitiveType<String> version) {
        String urlText = OperationArguments.text(url);
        int given = (id != null && id.hasIdPart() ? 1 : 0) + (urlText != null ? 1 : 0) + (inline != null ? 1 : 0);
        if (given == 0) {
            throw new InvalidRequestException("One of the parameters 'url' or 'valueSet' is required"
                    + " (or call the operation on a ValueSet instance)");
        }
        if (given > 1 && !(id != null && urlText != null)) {
            throw new InvalidRequestException("Parameters 'url' and 'valueSet' are mutually exclusive");
        }
        if (inline != null) {
            return inline;
        }
        if (id != null && id.hasIdPart()) {
            return ConformanceSearch.read(scope, ValueSet.class, id);
        }
        String versionText = OperationArguments.text(version);
        return scope.valueSet(urlText, versionText)
                .orElseThrow(() -> new ResourceNotFoundException("Unknown ValueSet " + urlText
                        + (versionText == null ? "" : " version " + versionText)));
    }

    private static void checkProperties(TerminologyRepository scope, List<String> properties) {
        for (String name : properties) {
            boolean known = name.equals("*") || name.equals("display") || name.equals("parent")
                    || name.equals("child") || name.equals("definition") || name.equals("designation");
            for (CodeSystemIndex index : scope.codeSystemIndexes()) {
                known |= index.properties().containsKey(name);
            }
            if (!known) {
                throw new InvalidRequestException("Parameter 'property': unknown property '" + name + "'");
            }
        }
    }
}
