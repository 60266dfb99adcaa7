package org.dermcode.terminology;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
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
    private final TxOperations tx;

    public CodeSystemProvider(TerminologyRepository repository, LookupService lookups,
            CodeValidationService validation, SubsumptionService subsumption, TxOperations tx) {
        this.repository = repository;
        this.lookups = lookups;
        this.validation = validation;
        this.subsumption = subsumption;
        this.tx = tx;
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
            @Description(value = "The canonical URL, exactly")
            @OptionalParam(name = CodeSystem.SP_URL) UriParam url,
            @Description(value = "The business version, exactly")
            @OptionalParam(name = CodeSystem.SP_VERSION) TokenParam version,
            @Description(value = "The computer name: starts with, case-insensitive (:exact, :contains)")
            @OptionalParam(name = CodeSystem.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, CodeSystem.class, url, version, name);
    }

    @Description(shortDefinition = "Look up a code",
            value = "The display, status, parent and facts of a code: for CPT and HCPCS the CMS numbers "
            + "(global days, RVUs, MUE units, add-on primaries), for ICD-10-CM the title and chapter; "
            + "for a claim-rule id its name and meaning.")
    @Operation(name = "$lookup", idempotent = true)
    public Parameters lookup(
            @IdParam(optional = true) IdType id,
            @Description(value = "The code to look up (with system)", example = "11102")
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @Description(value = "The code system: http://www.ama-assn.org/go/cpt (CPT), "
                    + "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets (HCPCS), "
                    + "http://hl7.org/fhir/sid/icd-10-cm, "
                    + "http://dermcode.org/fhir/CodeSystem/claim-rule", example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @Description(value = "The code system version; the loaded edition when absent")
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @Description(value = "The code as a Coding, instead of code and system")
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @Description(value = "A date (YYYY-MM-DD); its format is checked, the facts are those of the loaded "
                    + "edition")
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @Description(value = "The language of displays; only English displays are held")
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @Description(value = "The properties to return (for example globalDays, mueUnits, addOnTo, parent), or "
                    + "* for all", example = "*")
            @OperationParam(name = "property", typeName = "code", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IPrimitiveType<String>> property,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only (POST)")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource,
            @Description(value = "A CodeSystem supplement (one of the tx-resources) whose designations and "
                    + "properties the answer includes")
            @OperationParam(name = "useSupplement", typeName = "canonical", min = 0,
                    max = OperationParam.MAX_UNLIMITED) List<IPrimitiveType<String>> useSupplement,
            RequestDetails details) {
        List<IBaseResource> resources = txResource;
        List<String> supplements = List.of();
        if (txResource != null && !txResource.isEmpty() || useSupplement != null && !useSupplement.isEmpty()) {
            Supplements.Applied applied = tx.supplementedLookup(details, txResource);
            resources = applied.request().resources();
            supplements = applied.used();
        }
        TerminologyRepository scope = OperationArguments.scope(repository, resources);
        Coding target = OperationArguments.codings("code", code, "system", system, version, "coding", coding, null,
                instanceSystem(scope, id), true).get(0);
        return lookups.lookup(scope, target.getSystem(), target.getVersion(), target.getCode(),
                OperationArguments.date("date", date), OperationArguments.texts(property), supplements);
    }

    @Description(shortDefinition = "Check a code against a code system",
            value = "Whether a code exists in a code system (CPT, HCPCS, ICD-10-CM, place of service, claim "
            + "rules), on a date of service when one is given (a retired code is invalid after its end "
            + "date), and whether a display matches.")
    @Operation(name = "$validate-code", idempotent = true)
    public Parameters validateCode(
            @IdParam(optional = true) IdType id,
            @Description(value = "The code system URL", example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "A CodeSystem to check against, sent in the body instead of url")
            @OperationParam(name = "codeSystem", min = 0, max = 1) CodeSystem codeSystem,
            @Description(value = "The code to check", example = "11102")
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @Description(value = "The code system version; the loaded edition when absent")
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @Description(value = "A display to compare with the code's own display")
            @OperationParam(name = "display", typeName = "string", min = 0, max = 1) IPrimitiveType<String> display,
            @Description(value = "The code as a Coding, instead of code and system")
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @Description(value = "The code as a CodeableConcept; valid when one of its codings is")
            @OperationParam(name = "codeableConcept", min = 0, max = 1) CodeableConcept codeableConcept,
            @Description(value = "The date of service (YYYY-MM-DD): a code retired before it is invalid",
                    example = "2024-02-12")
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @Description(value = "Whether grouping (abstract) codes count as valid; default true")
            @OperationParam(name = "abstract", typeName = "boolean", min = 0, max = 1) IPrimitiveType<Boolean> isAbstract,
            @Description(value = "Whether a wrong display is a warning (the code stays valid) instead of an error")
            @OperationParam(name = "lenient-display-validation", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> lenientDisplay,
            @Description(value = "The language of displays; only English displays are held")
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only (POST)")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource,
            RequestDetails details) {
        TxRequest txRequest = TxRequest.of(details);
        if (tx.answers(txRequest)) {
            OperationArguments.date("date", date);
            return tx.validateCode(txRequest, true, instanceSystem(repository, id));
        }
        return validateHosted(id, url, codeSystem, code, version, display, coding, codeableConcept, date, isAbstract,
                lenientDisplay, txResource);
    }

    @Description(shortDefinition = "Check many codes against code systems in one request",
            value = "Many $validate-code calls in one POST: each 'validation' parameter holds the parameters of one "
            + "call; the request's other parameters (url, tx-resource, date...) apply to every entry that does not "
            + "give its own. The answer has one 'validation' per entry, in order: the $validate-code result, or an "
            + "OperationOutcome for an entry that could not be checked. At most " + BatchValidation.MAX_ENTRIES
            + " entries.")
    @Operation(name = "$batch-validate-code", idempotent = false)
    public Parameters batchValidateCode(
            @Description(value = "One $validate-code call: a Parameters resource with url, code, coding...")
            @OperationParam(name = "validation", min = 1, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> validation,
            @Description(value = "The code system URL, for every entry that does not name its own",
                    example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource,
            RequestDetails details) {
        return BatchValidation.validate(details, tx, true,
                entry -> OperationArguments.date("date", entry.primitive("date")),
                entry -> validateHosted(null, BatchValidation.primitive(entry, "url"),
                        BatchValidation.typed(entry, "codeSystem", CodeSystem.class),
                        BatchValidation.primitive(entry, "code"), BatchValidation.primitive(entry, "version"),
                        BatchValidation.primitive(entry, "display"), BatchValidation.typed(entry, "coding", Coding.class),
                        BatchValidation.typed(entry, "codeableConcept", CodeableConcept.class),
                        BatchValidation.primitive(entry, "date"), BatchValidation.primitive(entry, "abstract"),
                        BatchValidation.primitive(entry, "lenient-display-validation"), List.of()));
    }

    /** {@code $validate-code} on our own content (no tx-resource), by {@link CodeValidationService}. */
    private Parameters validateHosted(IdType id, IPrimitiveType<String> url, CodeSystem codeSystem,
            IPrimitiveType<String> code, IPrimitiveType<String> version, IPrimitiveType<String> display, Coding coding,
            CodeableConcept codeableConcept, IPrimitiveType<Date> date, IPrimitiveType<Boolean> isAbstract,
            IPrimitiveType<Boolean> lenientDisplay, List<IBaseResource> txResource) {
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
        CodeChecks checks = new CodeChecks(CodingForm.of(code, coding), OperationArguments.date("date", date),
                OperationArguments.bool("abstract", isAbstract, true), false, false,
                OperationArguments.bool("lenient-display-validation", lenientDisplay, false));
        return validation.inCodeSystem(scope, codings, checks).toParameters();
    }

    @Description(shortDefinition = "Compare two codes in the hierarchy",
            value = "Whether codeA subsumes codeB, is subsumed by it, is equivalent to it or is not related "
            + "(for example the group 'biopsy' and 11104).")
    @Operation(name = "$subsumes", idempotent = true)
    public Parameters subsumes(
            @IdParam(optional = true) IdType id,
            @Description(value = "The first code", example = "biopsy")
            @OperationParam(name = "codeA", typeName = "code", min = 0, max = 1) IPrimitiveType<String> codeA,
            @Description(value = "The second code", example = "11104")
            @OperationParam(name = "codeB", typeName = "code", min = 0, max = 1) IPrimitiveType<String> codeB,
            @Description(value = "The code system of both codes", example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @Description(value = "The code system version; the loaded edition when absent")
            @OperationParam(name = "version", typeName = "string", min = 0, max = 1) IPrimitiveType<String> version,
            @Description(value = "The first code as a Coding")
            @OperationParam(name = "codingA", min = 0, max = 1) Coding codingA,
            @Description(value = "The second code as a Coding")
            @OperationParam(name = "codingB", min = 0, max = 1) Coding codingB,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only (POST)")
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
