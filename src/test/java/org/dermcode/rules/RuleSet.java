package org.dermcode.rules;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every {@link ClaimRule} class in the rules package, found the way Spring finds them (classpath
 * scan) and built with the rule data they ask for in their constructors; for tests without Spring.
 */
public final class RuleSet {

    private RuleSet() {}

    public static List<Class<?>> classes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        scanner.addIncludeFilter(new AssignableTypeFilter(ClaimRule.class));
        List<Class<?>> result = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(ClaimRule.class.getPackageName())) {
            try {
                result.add(Class.forName(definition.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        result.sort(Comparator.comparing(Class::getName));
        return result;
    }

    /** The rules built with {@code data}; {@link RuleSettings#MEDICARE} unless {@code data} holds other settings. */
    public static List<ClaimRule> all(Object... data) {
        List<Object> candidates = new ArrayList<>();
        candidates.add(RuleSettings.MEDICARE);
        candidates.addAll(List.of(data));
        List<ClaimRule> rules = new ArrayList<>();
        for (Class<?> type : classes()) {
            Constructor<?> constructor = type.getDeclaredConstructors()[0];
            Object[] args = new Object[constructor.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> wanted = constructor.getParameterTypes()[i];
                for (Object candidate : candidates) {
                    if (wanted.isInstance(candidate)) {
                        args[i] = candidate;
                    }
                }
                if (args[i] == null) {
                    throw new IllegalStateException(type.getSimpleName() + " needs a " + wanted.getSimpleName());
                }
            }
            try {
                constructor.setAccessible(true);
                rules.add((ClaimRule) constructor.newInstance(args));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot build " + type.getSimpleName(), e);
            }
        }
        return rules;
    }
}
