package org.dermcode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import java.util.regex.Pattern;

/**
 * Every FHIR operation of the server has a title and a description, and every operation and search
 * parameter a description: HAPI puts them into the OperationDefinitions, the CapabilityStatement
 * and so Swagger UI, which otherwise shows "POST: /Claim/$validate-claim" and bare parameter names.
 */
class OperationDescriptionsTest {

    private static List<Class<?>> serverClasses() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
        List<Class<?>> classes = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.dermcode")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (!type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                classes.add(type);
            }
        }
        return classes;
    }

    @Test
    void everyOperationAndParameterIsDescribed() throws Exception {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Class<?> type : serverClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                boolean operation = method.isAnnotationPresent(Operation.class);
                if (operation) {
                    operations++;
                    Description description = method.getAnnotation(Description.class);
                    if (description == null || description.shortDefinition().isBlank() || description.value().isBlank()) {
                        missing.add(type.getSimpleName() + "." + method.getName() + ": title and description");
                    }
                }
                for (Parameter parameter : method.getParameters()) {
                    String name = parameter.isAnnotationPresent(OperationParam.class)
                            ? parameter.getAnnotation(OperationParam.class).name()
                            : parameter.isAnnotationPresent(OptionalParam.class)
                                    ? parameter.getAnnotation(OptionalParam.class).name() : null;
                    Description description = parameter.getAnnotation(Description.class);
                    if (name != null && (description == null || description.value().isBlank())) {
                        missing.add(type.getSimpleName() + "." + method.getName() + " parameter " + name);
                    }
                }
            }
        }
        assertThat(operations).as("$lookup, $validate-code x2, $subsumes, $expand, $translate, $validate-claim")
                .isGreaterThanOrEqualTo(7);
        assertThat(missing).isEmpty();
    }
}
