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
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final TxOperations tx;

    public ValueSetProvider(TerminologyRepository repository, ExpansionService expansions,
            CodeValidationService validation, DermcodeProperties.Expansion limits, TxOperations tx) {
        this.repository = repository;
        this.expansions = expansions;
        this.validation = validation;
        this.limits = limits;
        this.tx = tx;
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
            @Description(value = "The canonical URL, exactly")
            @OptionalParam(name = ValueSet.SP_URL) UriParam url,
            @Description(value = "The business version, exactly")
            @OptionalParam(name = ValueSet.SP_VERSION) TokenParam version,
            @Description(value = "The computer name: starts with, case-insensitive (:exact, :contains)")
            @OptionalParam(name = ValueSet.SP_NAME) StringParam name) {
        return ConformanceSearch.search(repository, ValueSet.class, url, version, name);
    }

    @Description(shortDefinition = "Expand a value set: pick lists and type-ahead",
            value = "The codes of a value set, filtered by text and paged: a pick list for a form, or "
            + "type-ahead for a coder (filter=punch bio).")
    @Operation(name = "$expand", idempotent = true)
    public ValueSet expand(
            @IdParam(optional = true) IdType id,
            @Description(value = "The value set URL", example = "http://dermcode.org/fhir/ValueSet/derm-procedures")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "A ValueSet to expand, sent in the body instead of url")
            @OperationParam(name = "valueSet", min = 0, max = 1) ValueSet valueSet,
            @Description(value = "The value set version; the loaded one when absent")
            @OperationParam(name = "valueSetVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> valueSetVersion,
            @Description(value = "Text the codes must match, word by word, in the display or the code (type-ahead)",
                    example = "punch bio")
            @OperationParam(name = "filter", typeName = "string", min = 0, max = 1) IPrimitiveType<String> filter,
            @Description(value = "The date of service (YYYY-MM-DD) the list is for; today when absent")
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @Description(value = "The index of the first code to return (paging); default 0", example = "0")
            @OperationParam(name = "offset", typeName = "integer", min = 0, max = 1) IPrimitiveType<Integer> offset,
            @Description(value = "How many codes to return (paging); default 100, at most 1000", example = "10")
            @OperationParam(name = "count", typeName = "integer", min = 0, max = 1) IPrimitiveType<Integer> count,
            @Description(value = "Whether to include each code's designations")
            @OperationParam(name = "includeDesignations", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> includeDesignations,
            @Description(value = "Leave out codes that are inactive (retired) on the date")
            @OperationParam(name = "activeOnly", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> activeOnly,
            @Description(value = "Return a flat list, without nesting")
            @OperationParam(name = "excludeNested", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> excludeNested,
            @Description(value = "The language of displays; only English displays are held")
            @OperationParam(name = "displayLanguage", typeName = "code", min = 0, max = 1)
                    IPrimitiveType<String> displayLanguage,
            @Description(value = "The code system version to use, as system|version")
            @OperationParam(name = "system-version", typeName = "canonical", min = 0,
                    max = OperationParam.MAX_UNLIMITED) List<IPrimitiveType<String>> systemVersion,
            @Description(value = "Properties to add to each code (for example globalDays), or * for all")
            @OperationParam(name = "property", typeName = "string", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IPrimitiveType<String>> property,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only (POST)")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource,
            RequestDetails details) {
        TxRequest txRequest = TxRequest.of(details);
        if (tx.answers(txRequest)) {
            checkTarget(id, url, valueSet);
            OperationArguments.integer("count", count);
            OperationArguments.integer("offset", offset);
            OperationArguments.date("date", date);
            OperationArguments.bool("activeOnly", activeOnly, false);
            OperationArguments.bool("excludeNested", excludeNested, false);
            return tx.expand(txRequest, instanceUrl(id));
        }
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
                OperationArguments.text(displayLanguage), properties, systemVersions(systemVersion));
        return expansions.expand(request, scope);
    }

    /** {@code system-version} values ("system|version") as system -> version. */
    private static Map<String, String> systemVersions(List<IPrimitiveType<String>> values) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String text : OperationArguments.texts(values)) {
            int bar = text.lastIndexOf('|');
            if (bar <= 0 || bar == text.length() - 1) {
                throw new InvalidRequestException("Parameter 'system-version': '" + text
                        + "' is not a code system URL and a version joined by '|'");
            }
            result.put(SystemUrls.normalize(text.substring(0, bar)), text.substring(bar + 1));
        }
        return result;
    }

    @Description(shortDefinition = "Check a code against a value set",
            value = "Whether a code is in a value set (for example derm-em), on a date of service when one is "
            + "given.")
    @Operation(name = "$validate-code", idempotent = true)
    public Parameters validateCode(
            @IdParam(optional = true) IdType id,
            @Description(value = "The value set URL", example = "http://dermcode.org/fhir/ValueSet/derm-em")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "A ValueSet to check against, sent in the body instead of url")
            @OperationParam(name = "valueSet", min = 0, max = 1) ValueSet valueSet,
            @Description(value = "The value set version; the loaded one when absent")
            @OperationParam(name = "valueSetVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> valueSetVersion,
            @Description(value = "The code to check (with system)", example = "99213")
            @OperationParam(name = "code", typeName = "code", min = 0, max = 1) IPrimitiveType<String> code,
            @Description(value = "The code system of the code", example = "http://www.ama-assn.org/go/cpt")
            @OperationParam(name = "system", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> system,
            @Description(value = "The code system version")
            @OperationParam(name = "systemVersion", typeName = "string", min = 0, max = 1)
                    IPrimitiveType<String> systemVersion,
            @Description(value = "A display to compare with the code's own display")
            @OperationParam(name = "display", typeName = "string", min = 0, max = 1) IPrimitiveType<String> display,
            @Description(value = "The code as a Coding, instead of code and system")
            @OperationParam(name = "coding", min = 0, max = 1) Coding coding,
            @Description(value = "The code as a CodeableConcept; valid when one of its codings is")
            @OperationParam(name = "codeableConcept", min = 0, max = 1) CodeableConcept codeableConcept,
            @Description(value = "The date of service (YYYY-MM-DD): a code retired before it is not valid",
                    example = "2024-01-01")
            @OperationParam(name = "date", typeName = "dateTime", min = 0, max = 1) IPrimitiveType<Date> date,
            @Description(value = "Whether grouping (abstract) codes count as valid; default false")
            @OperationParam(name = "abstract", typeName = "boolean", min = 0, max = 1) IPrimitiveType<Boolean> isAbstract,
            @Description(value = "Treat inactive (retired) codes as not in the value set")
            @OperationParam(name = "activeOnly", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> activeOnly,
            @Description(value = "Find the code system from the code when system is absent")
            @OperationParam(name = "inferSystem", typeName = "boolean", min = 0, max = 1)
                    IPrimitiveType<Boolean> inferSystem,
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
            checkTarget(id, url, valueSet);
            OperationArguments.date("date", date);
            return tx.validateCode(txRequest, false, instanceUrl(id));
        }
        return validateHosted(id, url, valueSet, valueSetVersion, code, system, systemVersion, display, coding,
                codeableConcept, date, isAbstract, activeOnly, inferSystem, lenientDisplay, txResource);
    }

    @Description(shortDefinition = "Check many codes against value sets in one request",
            value = "Many $validate-code calls in one POST: each 'validation' parameter holds the parameters of one "
            + "call; the request's other parameters (url, tx-resource, date...) apply to every entry that does not "
            + "give its own. The answer has one 'validation' per entry, in order: the $validate-code result, or an "
            + "OperationOutcome for an entry that could not be checked. At most " + BatchValidation.MAX_ENTRIES
            + " entries.")
    @Operation(name = "$batch-validate-code", idempotent = false)
    public Parameters batchValidateCode(
            @Description(value = "One $validate-code call: a Parameters resource with url, code, system, coding...")
            @OperationParam(name = "validation", min = 1, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> validation,
            @Description(value = "The value set URL, for every entry that does not name its own",
                    example = "http://dermcode.org/fhir/ValueSet/derm-em")
            @OperationParam(name = "url", typeName = "uri", min = 0, max = 1) IPrimitiveType<String> url,
            @Description(value = "Extra CodeSystems or ValueSets to use for this request only")
            @OperationParam(name = "tx-resource", min = 0, max = OperationParam.MAX_UNLIMITED)
                    List<IBaseResource> txResource,
            RequestDetails details) {
        return BatchValidation.validate(details, tx, false,
                entry -> {
                    checkTarget(false, entry.text("url"), entry.resource("valueSet") != null);
                    OperationArguments.date("date", entry.primitive("date"));
                },
                entry -> validateHosted(null, BatchValidation.primitive(entry, "url"),
                        BatchValidation.typed(entry, "valueSet", ValueSet.class),
                        BatchValidation.primitive(entry, "valueSetVersion"), BatchValidation.primitive(entry, "code"),
                        BatchValidation.primitive(entry, "system"), BatchValidation.primitive(entry, "systemVersion"),
                        BatchValidation.primitive(entry, "display"), BatchValidation.typed(entry, "coding", Coding.class),
                        BatchValidation.typed(entry, "codeableConcept", CodeableConcept.class),
                        BatchValidation.primitive(entry, "date"), BatchValidation.primitive(entry, "abstract"),
                        BatchValidation.primitive(entry, "activeOnly"), BatchValidation.primitive(entry, "inferSystem"),
                        BatchValidation.primitive(entry, "lenient-display-validation"), List.of()));
    }

    /** {@code $validate-code} on our own content (no tx-resource), by {@link CodeValidationService}. */
    private Parameters validateHosted(IdType id, IPrimitiveType<String> url, ValueSet valueSet,
            IPrimitiveType<String> valueSetVersion, IPrimitiveType<String> code, IPrimitiveType<String> system,
            IPrimitiveType<String> systemVersion, IPrimitiveType<String> display, Coding coding,
            CodeableConcept codeableConcept, IPrimitiveType<Date> date, IPrimitiveType<Boolean> isAbstract,
            IPrimitiveType<Boolean> activeOnly, IPrimitiveType<Boolean> inferSystem, IPrimitiveType<Boolean> lenientDisplay,
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
        CodeChecks checks = new CodeChecks(CodingForm.of(code, coding), OperationArguments.date("date", date),
                OperationArguments.bool("abstract", isAbstract, false),
                OperationArguments.bool("activeOnly", activeOnly, false), infer,
                OperationArguments.bool("lenient-display-validation", lenientDisplay, false));
        return validation.inValueSet(scope, target, codings, checks).toParameters();
    }

    private String instanceUrl(IdType id) {
        if (id == null || !id.hasIdPart()) {
            return null;
        }
        return ConformanceSearch.read(repository, ValueSet.class, id).getUrl();
    }

    private static void checkTarget(IdType id, IPrimitiveType<String> url, ValueSet inline) {
        checkTarget(id != null && id.hasIdPart(), OperationArguments.text(url), inline != null);
    }

    private static void checkTarget(boolean instance, String urlText, boolean inline) {
        int given = (instance ? 1 : 0) + (urlText != null && !urlText.isBlank() ? 1 : 0) + (inline ? 1 : 0);
        if (given == 0) {
            throw new InvalidRequestException("One of the parameters 'url' or 'valueSet' is required"
                    + " (or call the operation on a ValueSet instance)");
        }
        if (given > 1 && !(instance && urlText != null)) {
            throw new InvalidRequestException("Parameters 'url' and 'valueSet' are mutually exclusive");
        }
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
