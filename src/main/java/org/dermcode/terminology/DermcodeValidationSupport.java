package org.dermcode.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The server's own terminology and profiles as a link in HAPI's validation-support chain, so the
 * instance validator answers code and binding checks from the same content (and the same cached
 * expansions) as {@code $validate-code}. Displays are not compared: on a claim the display is free
 * text (often the payer's or the AMA's wording), and a mismatch is not a coding problem.
 *
 * <p>Within {@link #onServiceDates} a code is judged by the versions in force on those dates of
 * service (FY2024 ICD-10-CM for a claim of June 2024), valid when it is valid on one of them;
 * outside, by the newest versions. HAPI's support chain remembers answers by code and value set
 * only, so a dated answer must not go through it: {@link #inFrontOf} puts this support before the
 * chain for dated questions.
 */
public final class DermcodeValidationSupport implements IValidationSupport {

    private static final List<LocalDate> NO_DATE = Collections.singletonList(null);

    private final FhirContext fhirContext;
    private final TerminologyRepository repository;
    private final CodeValidationService validation;
    /** The dates of service of the claim this thread is validating (null: none, judge by the newest versions). */
    private final ThreadLocal<List<LocalDate>> serviceDates = new ThreadLocal<>();

    public DermcodeValidationSupport(FhirContext fhirContext, TerminologyRepository repository,
            CodeValidationService validation) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.validation = validation;
    }

    /**
     * Runs {@code work} with codes judged by the versions in force on {@code dates} (a code is valid
     * when it is valid on one of them); with no dates, by the newest versions.
     */
    public <T> T onServiceDates(Collection<LocalDate> dates, Supplier<T> work) {
        if (dates.isEmpty()) {
            return work.get();
        }
        List<LocalDate> previous = serviceDates.get();
        serviceDates.set(List.copyOf(new LinkedHashSet<>(dates)));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                serviceDates.remove();
            } else {
                serviceDates.set(previous);
            }
        }
    }

    /**
     * {@code chain} (a support chain holding this support) with dated code checks, inside
     * {@link #onServiceDates}, answered by this support directly, not from the chain's cache.
     */
    public IValidationSupport inFrontOf(IValidationSupport chain) {
        return new BaseValidationSupportWrapper(fhirContext, chain) {
            @Override
            public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
                    String system, String code, String display, String valueSetUrl) {
                CodeValidationResult dated = serviceDates.get() == null ? null
                        : DermcodeValidationSupport.this.validateCode(context, options, system, code, display, valueSetUrl);
                return dated != null ? dated : super.validateCode(context, options, system, code, display, valueSetUrl);
            }

            @Override
            public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
                    ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
                CodeValidationResult dated = serviceDates.get() == null ? null
                        : DermcodeValidationSupport.this.validateCodeInValueSet(context, options, system, code, display,
                                valueSet);
                return dated != null ? dated
                        : super.validateCodeInValueSet(context, options, system, code, display, valueSet);
            }
        };
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "DermCode terminology";
    }

    @Override
    public IBaseResource fetchCodeSystem(String system) {
        return repository.codeSystem(system).map(CodeSystemIndex::codeSystem).orElse(null);
    }

    @Override
    public IBaseResource fetchValueSet(String url) {
        return repository.valueSet(url, null).orElse(null);
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        return repository.structureDefinition(url).orElse(null);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return (List<T>) new ArrayList<>(repository.all(StructureDefinition.class));
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
        return repository.codeSystem(system).isPresent();
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String url) {
        return repository.valueSet(url, null).isPresent();
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
            String system, String code, String display, String valueSetUrl) {
        if (valueSetUrl != null) {
            ValueSet valueSet = repository.valueSet(valueSetUrl, null).orElse(null);
            return valueSet == null ? null : inValueSet(valueSet, system, code, display, options);
        }
        if (system == null || repository.codeSystem(system).isEmpty()) {
            return null;
        }
        List<Coding> codings = List.of(new Coding(system, code, null));
        ValidationResult first = null;
        for (LocalDate date : dates()) {
            ValidationResult result = validation.inCodeSystem(repository, codings,
                    new CodeChecks(CodingForm.CODE, date, true, false, false, false));
            if (result.result()) {
                return convert(result);
            }
            first = first == null ? result : first;
        }
        return convert(first);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
            ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
        if (!(valueSet instanceof ValueSet vs) || !vs.hasUrl() || repository.valueSet(vs.getUrl(), null).isEmpty()) {
            return null;
        }
        return inValueSet(repository.valueSet(vs.getUrl(), null).get(), system, code, display, options);
    }

    private CodeValidationResult inValueSet(ValueSet valueSet, String system, String code, String display,
            ConceptValidationOptions options) {
        boolean infer = system == null || (options != null && options.isInferSystem());
        List<Coding> codings = List.of(new Coding(system, code, null));
        ValidationResult first = null;
        for (LocalDate date : dates()) {
            ValidationResult result = validation.inValueSet(repository, valueSet, codings,
                    new CodeChecks(CodingForm.CODE, date, false, false, infer, false));
            if (result.result()) {
                return convert(result);
            }
            first = first == null ? result : first;
        }
        return convert(first);
    }

    /** The dates of service in force on this thread, or a single null date (the newest versions). */
    private List<LocalDate> dates() {
        List<LocalDate> dates = serviceDates.get();
        return dates == null ? NO_DATE : dates;
    }

    private static CodeValidationResult convert(ValidationResult result) {
        CodeValidationResult converted = new CodeValidationResult();
        if (result.result()) {
            converted.setCode(result.code());
            converted.setDisplay(result.display());
            converted.setCodeSystemVersion(result.version());
            if (result.message() != null) {
                converted.setMessage(result.message());
                converted.setSeverity(IssueSeverity.WARNING);
            }
        } else {
            converted.setSeverity(IssueSeverity.ERROR);
            converted.setMessage(result.message());
        }
        return converted;
    }
}
