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
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;

/** CodeSystem read, search, {@code $lookup}, {@code $validate-code} and {@code $subsumes}. */
public final class CodeSystemProvider implements IResourceProvider {

    private final TerminologyRepository repository;
    private final LookupService lookups;
    private final CodeValidationService validation;
    private final SubsumptionService subsumption;

    public CodeSystemProvider(TerminologyRepository repository, LookupService lookups,
            CodeValidationService validation, SubsumptionService subsumption) {
        this.repository = repository;
        this.lookups = lookups;
        this.validation = validation;
        this.subsumption = subsumption;
    }

    @Override
    public Class<CodeSystem> getResourceType() {
        return CodeSystem.class;
    }

    @Read
    public CodeSystem read(@IdParam IdType id) {
        return ConformanceSearch.read(repository, CodeSystem.class, id);
    }

    @Search
    public List<CodeSystem> search(
            @OptionalParam(name = CodeSystem.SP_URL) UriParam url,
            @OptionalParam(name = CodeSystem.SP_VERSION) TokenParam version,
            @OptionalParam(name = CodeSystem.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, CodeSystem.class, url, version, name);
    }

    @Operation(name = "$lookup", idempotent = true)
    public Parameters lookup(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @OperationParam(name = "property", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IPrimitiveType<String>> property,
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource);
        Coding target = OperationArguments.codings("code", code, "system", system, version, "coding", coding, null,
                instanceSystem(scope, id), true).get(0);
        OperationArguments.date("date", date);
        return lookups.lookup(scope, target.getSystem(), target.getVersion(), target.getCode(),
                OperationArguments.texts(property));
    }

    @Operation(name = "$validate-code", idempotent = true)
    public Parameters validateCode(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @OperationParam(name = "codeSystem", min = 0, max = 1) CodeSystem codeSystem,
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @OperationParam(name = "display", typeName = "string", min = 0, max = 1) IPrimitiveType<String> display,
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @OperationParam(name = "codeableConcept", min = 0, max = 1) CodeableConcept codeableConcept,
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @OperationParam(name = "abstract", typeName = "boolean", min = 0, max = 1) IPrimitiveType<Boolean> isAbstract,
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource, codeSystem);
        String defaultSystem = OperationArguments.text(url);
        if (defaultSystem == null && codeSystem != null) {
            defaultSystem = codeSystem.getUrl();
        }
        if (defaultSystem == null) {
            defaultSystem = instanceSystem(scope, id);
        }
        List<Coding> codings = OperationArguments.codings("code", code, "url", url, version, "coding", coding,
                codeableConcept, defaultSystem, true);
        String displayText = OperationArguments.text(display);
        if (displayText != null) {
            codings.forEach(c -> c.setDisplay(displayText));
        }
        return validation.inCodeSystem(scope, codings, OperationArguments.date("date", date),
                OperationArguments.bool("abstract", isAbstract, true)).toParameters();
    }

    @Operation(name = "$subsumes", idempotent = true)
    public Parameters subsumes(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "codeA", typeName = "code", min = 0, max = 1) IPrimitiveType<String> codeA,
            @OperationParam(name = "codeB", typeName = "code", min = 0, max = 1) IPrimitiveType<String> codeB,
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @OperationParam(name = "codingA", min = 0, max = 1) Coding codingA,
            @OperationParam(name = "codingB", min = 0, max = 1) Coding codingB,
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource) {
        TerminologyRepository scope = OperationArguments.scope(repository, txResource);
        String defaultSystem = instanceSystem(scope, id);
        Coding a = OperationArguments.codings("codeA", codeA, "system", system, version, "codingA", codingA, null,
                defaultSystem, true).get(0);
        Coding b = OperationArguments.codings("codeB", codeB, "system", system, version, "codingB", codingB, null,
                defaultSystem, true).get(0);
        if (!SystemUrls.normalize(a.getSystem()).equals(SystemUrls.normalize(b.getSystem()))) {
            throw new InvalidRequestException("codingA and codingB must be from the same code system ("
                    + a.getSystem() + " vs " + b.getSystem() + ")");
        }
        return subsumption.subsumes(scope, a.getSystem(), a.getVersion(), a.getCode(), b.getCode());
    }

    private static String instanceSystem(TerminologyRepository scope, IdType id) {
        if (id == null || !id.hasIdPart()) {
            return null;
        }
        return ConformanceSearch.read(scope, CodeSystem.class, id).getUrl();
    }
}
