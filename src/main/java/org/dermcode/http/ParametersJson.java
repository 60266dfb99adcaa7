package org.dermcode.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseBooleanDatatype;
import org.hl7.fhir.instance.model.api.IBaseDecimalDatatype;
import org.hl7.fhir.instance.model.api.IBaseIntegerDatatype;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;

/**
 * Compact JSON of an R4 {@link Parameters} made only of names, primitive values, Codings and parts
 * (the answers of {@code $lookup}, {@code $validate-code} without issues, {@code $subsumes},
 * {@code $translate}...), byte for byte what HAPI's {@code JsonParser} writes for it without
 * pretty-printing: the same element order ({@code name}, {@code value[x]}, {@code part}; a
 * Coding's {@code system}, {@code version}, {@code code}, {@code display}, {@code userSelected}),
 * empty elements left out, integers and booleans as JSON literals, a decimal as its own text,
 * Jackson's string escaping. HAPI's parser walks its model definitions for every element, which
 * made the encoding 70 % of a {@code $lookup}'s CPU; this writes the same text directly.
 * {@link #writable} says whether a resource is of that plain shape; anything else (ids,
 * extensions, a resource inside a parameter, other data types) is left to HAPI.
 */
public final class ParametersJson {

    // HAPI's writer comes from a default Jackson factory with AUTO_CLOSE_TARGET off (JacksonStructure)
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private ParametersJson() {
    }

    /** Whether {@link #write} can write this resource exactly as HAPI would. */
    public static boolean writable(Parameters parameters) {
        if (parameters.hasIdElement() || parameters.hasMeta() || parameters.hasImplicitRules()
                || parameters.hasLanguage()) {
            return false;
        }
        return plain(parameters.getParameter());
    }

    private static boolean plain(List<ParametersParameterComponent> parameters) {
        for (ParametersParameterComponent parameter : parameters) {
            if (parameter.hasId() || parameter.hasExtension() || parameter.hasModifierExtension()
                    || parameter.getResource() != null || !plainPrimitive(parameter.getNameElement())) {
                return false;
            }
            Type value = parameter.getValue();
            if (value != null && !plainValue(value)) {
                return false;
            }
            if (!plain(parameter.getPart())) {
                return false;
            }
        }
        return true;
    }

    static boolean plainValue(Type value) {
        if (value instanceof PrimitiveType<?> primitive) {
            return plainPrimitive(primitive);
        }
        if (value instanceof Coding coding) {
            return !coding.hasId() && !coding.hasExtension() && plainPrimitive(coding.getSystemElement())
                    && plainPrimitive(coding.getVersionElement()) && plainPrimitive(coding.getCodeElement())
                    && plainPrimitive(coding.getDisplayElement()) && plainPrimitive(coding.getUserSelectedElement());
        }
        return false;
    }

    static boolean plainPrimitive(PrimitiveType<?> primitive) {
        return primitive == null || (!primitive.hasId() && !primitive.hasExtension());
    }

    /** Writes the resource; call only when {@link #writable} said so. The writer is flushed, not closed. */
    public static void write(Parameters parameters, Writer writer) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(writer)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Parameters");
            writeParameters(json, "parameter", parameters.getParameter());
            json.writeEndObject();
        }
    }

    private static void writeParameters(JsonGenerator json, String field, List<ParametersParameterComponent> list)
            throws IOException {
        boolean open = false;
        for (ParametersParameterComponent parameter : list) {
            if (parameter == null || parameter.isEmpty()) {
                continue;
            }
            if (!open) {
                json.writeArrayFieldStart(field);
                open = true;
            }
            json.writeStartObject();
            writePrimitive(json, "name", parameter.getNameElement());
            Type value = parameter.getValue();
            if (value instanceof PrimitiveType<?> primitive) {
                writePrimitive(json, valueField(value), primitive);
            } else if (value instanceof Coding coding) {
                writeCoding(json, valueField(value), coding);
            }
            writeParameters(json, "part", parameter.getPart());
            json.writeEndObject();
        }
        if (open) {
            json.writeEndArray();
        }
    }

    /** A Coding's elements in FHIR's order; nothing for an empty one. */
    static void writeCoding(JsonGenerator json, String field, Coding coding) throws IOException {
        if (coding == null || coding.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(field);
        writePrimitive(json, "system", coding.getSystemElement());
        writePrimitive(json, "version", coding.getVersionElement());
        writePrimitive(json, "code", coding.getCodeElement());
        writePrimitive(json, "display", coding.getDisplayElement());
        writePrimitive(json, "userSelected", coding.getUserSelectedElement());
        json.writeEndObject();
    }

    /** {@code value} and the FHIR type name with its first letter upper case: valueString, valueCoding. */
    static String valueField(Element value) {
        String type = value.fhirType();
        return "value" + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    static void writePrimitive(JsonGenerator json, String field, PrimitiveType<?> primitive)
            throws IOException {
        if (primitive == null) {
            return;
        }
        String text = primitive.getValueAsString();
        if (text == null || text.isBlank()) {
            return;
        }
        Object value = primitive.getValue();
        if (value instanceof String) {
            json.writeStringField(field, text);
        } else if (primitive instanceof IBaseIntegerDatatype integer) {
            json.writeNumberField(field, integer.getValue());
        } else if (primitive instanceof IBaseDecimalDatatype) {
            json.writeFieldName(field);
            json.writeNumber(text);
        } else if (primitive instanceof IBaseBooleanDatatype bool) {
            json.writeBooleanField(field, bool.getValue());
        } else if (value instanceof Long number) {
            json.writeNumberField(field, number);
        } else {
            json.writeStringField(field, text);
        }
    }
}
