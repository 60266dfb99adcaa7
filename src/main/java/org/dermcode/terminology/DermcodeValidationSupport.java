package org.dermcode.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The server's own terminology and profiles as a link in HAPI's validation-support chain, so the
 * instance validator answers code and binding checks from the same content (and the same cached
 * expansions) as {@code $validate-code}. Displays are not compared: on a claim the display is free
 * text (often the payer's or the AMA's wording), and a mismatch is not a coding problem.
 */
public final class DermcodeValidationSupport implements IValidationSupport {

    private final FhirContext fhirContext;
    private final TerminologyRepository repository;
    private final CodeValidationService validation;

    public DermcodeValidationSupport(FhirContext fhirContext, TerminologyRepository repository,
            CodeValidationService validation) {
        this.fhirContext = fhirContext;
        this.repository = repository;
        this.validation = validation;
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
        ValidationResult result = validation.inCodeSystem(repository,
                List.of(new Coding(system, code, null)), null, true);
        return convert(result);
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
        ValidationResult result = validation.inValueSet(repository, valueSet, List.of(new Coding(system, code, null)),
                null, false, false, infer);
        return convert(result);
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
