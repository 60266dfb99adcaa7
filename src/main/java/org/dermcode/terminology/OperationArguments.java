package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Checks shared by the terminology operation providers. Each failure is a 400 that names the
 * parameter. Primitive parameters arrive as {@link IPrimitiveType} so that a client may send
 * {@code valueString} where FHIR says {@code valueCode}.
 */
final class OperationArguments {

    static final int MAX_CODE_LENGTH = 256;

    private OperationArguments() {}

    static String text(IPrimitiveType<?> value) {
        if (value == null || value.getValueAsString() == null || value.getValueAsString().isBlank()) {
            return null;
        }
        return value.getValueAsString().strip();
    }

    /**
     * The codings to work on: code (+ system, version), or coding, or codeableConcept, exactly one
     * of them. {@code defaultSystem} stands in for a missing system (instance-level calls).
     */
    static List<Coding> codings(String codeName, IPrimitiveType<?> code, String systemName, IPrimitiveType<?> system,
            IPrimitiveType<?> version, String codingName, Coding coding, CodeableConcept codeableConcept,
            String defaultSystem, boolean systemRequired) {
        String codeValue = text(code);
        String systemValue = text(system);
        int given = (codeValue != null ? 1 : 0) + (coding != null && !coding.isEmpty() ? 1 : 0)
                + (codeableConcept != null && !codeableConcept.isEmpty() ? 1 : 0);
        if (given == 0) {
            throw new InvalidRequestException("One of the parameters '" + codeName + "', '" + codingName
                    + "' or 'codeableConcept' is required");
        }
        if (given > 1) {
            throw new InvalidRequestException("Parameters '" + codeName + "', '" + codingName
                    + "' and 'codeableConcept' are mutually exclusive: send only one of them");
        }
        List<Coding> result = new ArrayList<>();
        if (codeValue != null) {
            checkLength(codeName, codeValue);
            String effectiveSystem = systemValue != null ? systemValue : defaultSystem;
            if (effectiveSystem == null && systemRequired) {
                throw new InvalidRequestException("Parameter '" + systemName + "' is required with '" + codeName + "'");
            }
            result.add(new Coding(effectiveSystem, codeValue, null).setVersion(text(version)));
            return result;
        }
        List<Coding> given2 = coding != null && !coding.isEmpty() ? List.of(coding) : codeableConcept.getCoding();
        for (Coding c : given2) {
            if (!c.hasCode()) {
                throw new InvalidRequestException("Parameter '" + codingName + "': a coding has no code");
            }
            checkLength(codingName, c.getCode());
            Coding copy = c.copy();
            if (!copy.hasSystem()) {
                if (defaultSystem == null && systemRequired) {
                    throw new InvalidRequestException("Parameter '" + codingName + "': a coding has no system");
                }
                copy.setSystem(defaultSystem);
            }
            if (!copy.hasVersion() && text(version) != null) {
                copy.setVersion(text(version));
            }
            result.add(copy);
        }
        if (result.isEmpty()) {
            throw new InvalidRequestException("Parameter 'codeableConcept' has no coding");
        }
        return result;
    }

    private static void checkLength(String name, String value) {
        if (value.length() > MAX_CODE_LENGTH) {
            throw new InvalidRequestException("Parameter '" + name + "' is longer than " + MAX_CODE_LENGTH + " characters");
        }
    }

    static LocalDate date(String name, IPrimitiveType<?> value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 4) {
                return LocalDate.parse(text + "-01-01");
            }
            if (text.length() == 7) {
                return LocalDate.parse(text + "-01");
            }
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("Parameter '" + name + "': '" + text + "' is not a valid date (YYYY-MM-DD)");
        }
    }

    static boolean bool(String name, IPrimitiveType<?> value, boolean defaultValue) {
        String text = text(value);
        if (text == null) {
            return defaultValue;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidRequestException("Parameter '" + name + "': '" + text + "' is not a boolean (true or false)");
    }

    static Integer integer(String name, IPrimitiveType<?> value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Parameter '" + name + "': '" + text + "' is not an integer");
        }
        if (parsed < 0) {
            throw new InvalidRequestException("Parameter '" + name + "' must not be negative (got " + parsed + ")");
        }
        return parsed;
    }

    static TerminologyRepository scope(TerminologyRepository repository, List<IBaseResource> txResources) {
        try {
            return repository.withRequestResources(txResources);
        } catch (IllegalArgumentException | TerminologyLoadException e) {
            throw new InvalidRequestException("Parameter 'tx-resource': " + e.getMessage());
        }
    }

    /** The scope with the operation's own inline resource ({@code codeSystem}, {@code conceptMap}) added. */
    static TerminologyRepository scope(TerminologyRepository repository, List<IBaseResource> txResources,
            IBaseResource inline) {
        if (inline == null) {
            return scope(repository, txResources);
        }
        List<IBaseResource> all = new ArrayList<>();
        if (txResources != null) {
            all.addAll(txResources);
        }
        all.add(inline);
        return scope(repository, all);
    }

    static List<String> texts(List<? extends IPrimitiveType<?>> values) {
        List<String> result = new ArrayList<>();
        if (values != null) {
            for (IPrimitiveType<?> value : values) {
                String text = text(value);
                if (text != null) {
                    for (String part : text.split(",")) {
                        if (!part.isBlank()) {
                            result.add(part.strip());
                        }
                    }
                }
            }
        }
        return result;
    }
}
