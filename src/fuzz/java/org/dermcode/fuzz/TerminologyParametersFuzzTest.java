package org.dermcode.fuzz;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.config.DermcodeProperties;
import org.dermcode.terminology.CodeSystemProvider;
import org.dermcode.terminology.CodeValidationService;
import org.dermcode.terminology.ExpansionService;
import org.dermcode.terminology.LookupService;
import org.dermcode.terminology.SubsumptionService;
import org.dermcode.terminology.TerminologyRepository;
import org.dermcode.terminology.ValueSetProvider;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The terminology operations ($lookup, $validate-code, $subsumes, $expand) called as HAPI calls
 * them: each @OperationParam gets nothing or a fuzzed value of its FHIR type (values HAPI cannot
 * even parse are skipped: the server answers those 400). A 4xx is fine; anything else is a finding.
 */
class TerminologyParametersFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String[] SYSTEMS = {"http://www.ama-assn.org/go/cpt", "http://hl7.org/fhir/sid/icd-10-cm",
        "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "http://dermcode.org/fhir/CodeSystem/claim-rule"};
    private static final String[] VALUE_SETS = {"http://dermcode.org/fhir/ValueSet/derm-procedures",
        "http://dermcode.org/fhir/ValueSet/derm-em", "http://dermcode.org/fhir/ValueSet/derm-mohs",
        "http://dermcode.org/fhir/ValueSet/derm-diagnoses"};

    private static List<Object> providers;
    private static List<Method> operations;

    private static synchronized void init() {
        if (providers != null) {
            return;
        }
        var context = FuzzSupport.context();
        TerminologyRepository repository = context.getBean(TerminologyRepository.class);
        CodeValidationService validation = context.getBean(CodeValidationService.class);
        providers = List.of(
                new CodeSystemProvider(repository, context.getBean(LookupService.class), validation, new SubsumptionService()),
                new ValueSetProvider(repository, context.getBean(ExpansionService.class), validation,
                        context.getBean(DermcodeProperties.class).expansion()));
        operations = new ArrayList<>();
        for (Object provider : providers) {
            for (Method method : provider.getClass().getMethods()) {
                if (method.isAnnotationPresent(Operation.class)) {
                    operations.add(method);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void operationParameters(FuzzedDataProvider data) throws Throwable {
        init();
        Method method = operations.get(data.consumeInt(0, operations.size() - 1));
        Object provider = providers.stream().filter(p -> p.getClass() == method.getDeclaringClass()).findFirst()
                .orElseThrow();
        Parameter[] parameters = method.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            OperationParam param = parameters[i].getAnnotation(OperationParam.class);
            if (param == null || !data.consumeBoolean()) {
                args[i] = List.class.isAssignableFrom(parameters[i].getType()) ? new ArrayList<>() : null;
                continue;
            }
            String text = text(data, param.name());
            Class<?> type = parameters[i].getType();
            if (List.class.isAssignableFrom(type) && !(parameters[i].getParameterizedType()
                    instanceof java.lang.reflect.ParameterizedType generic
                    && generic.getActualTypeArguments()[0].getTypeName().contains("IPrimitiveType"))) {
                args[i] = new ArrayList<>(); // lists of resources (tx-resource) are not fuzzed here
                continue;
            }
            try {
                if (IPrimitiveType.class.isAssignableFrom(type) || List.class.isAssignableFrom(type)) {
                    String typeName = param.typeName().isEmpty() ? "string" : param.typeName();
                    BaseRuntimeElementDefinition<?> definition = FHIR.getElementDefinition(typeName);
                    IPrimitiveType<?> value = (IPrimitiveType<?>) definition.newInstance();
                    value.setValueAsString(text);
                    args[i] = List.class.isAssignableFrom(type) ? new ArrayList<>(List.of(value)) : value;
                } else if (type == Coding.class) {
                    args[i] = new Coding(pick(data, SYSTEMS), text, data.consumeString(20));
                } else if (type == CodeableConcept.class) {
                    args[i] = new CodeableConcept(new Coding(pick(data, SYSTEMS), text, null));
                } else {
                    args[i] = null;
                }
            } catch (RuntimeException e) {
                return; // HAPI could not bind the value: the server answers 400 (see SafeErrorInterceptor)
            }
        }
        try {
            method.invoke(provider, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BaseServerResponseException known && known.getStatusCode() < 500) {
                return;
            }
            throw cause;
        }
    }

    private static String text(FuzzedDataProvider data, String name) {
        return switch (name) {
            case "system", "url" -> data.consumeBoolean() ? pick(data, SYSTEMS) : data.consumeBoolean()
                    ? pick(data, VALUE_SETS) : data.consumeString(100);
            default -> data.consumeString(300);
        };
    }

    private static String pick(FuzzedDataProvider data, String[] values) {
        return values[data.consumeInt(0, values.length - 1)];
    }
}
