package org.dermcode.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceDesignationComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionParameterComponent;

/**
 * Compact JSON of an R4 {@link ValueSet} expansion of the plain shape our {@code $expand} answers
 * have, byte for byte what HAPI's {@code JsonParser} writes without pretty-printing (as
 * {@link ParametersJson} does for Parameters): the value set's id and its descriptive elements
 * ({@code url}, {@code version}, {@code name}, {@code title}, {@code status},
 * {@code experimental}, {@code date}, {@code publisher}, {@code description}, {@code purpose},
 * {@code copyright}) and the expansion ({@code identifier}, {@code timestamp}, {@code total},
 * {@code offset}, primitive {@code parameter}s, and {@code contains} with {@code system},
 * {@code abstract}, {@code inactive}, {@code version}, {@code code}, {@code display},
 * {@code designation}s and nested {@code contains}), in FHIR's element order. HAPI's parser walks
 * its model definitions for every element: a third of an {@code $expand filter}'s CPU.
 * {@link #writable} says whether a value set is of that shape; anything else (meta, text,
 * extensions, contact, compose, contained...) is left to HAPI.
 */
public final class ValueSetJson {

    private ValueSetJson() {
    }

    /** Whether {@link #write} can write this value set exactly as HAPI would. */
    public static boolean writable(ValueSet valueSet) {
        if (valueSet.hasMeta() || valueSet.hasImplicitRules() || valueSet.hasLanguage() || valueSet.hasText()
                || valueSet.hasContained() || valueSet.hasExtension() || valueSet.hasModifierExtension()
                || valueSet.hasIdentifier() || valueSet.hasContact() || valueSet.hasUseContext()
                || valueSet.hasJurisdiction() || valueSet.hasImmutableElement() || valueSet.hasCompose()
                || !valueSet.hasExpansion()) {
            return false;
        }
        if (valueSet.hasIdElement() && (valueSet.getIdElement().hasVersionIdPart()
                || valueSet.getIdElement().hasBaseUrl())) {
            return false;
        }
        if (!allPlain(valueSet.getUrlElement(), valueSet.getVersionElement(), valueSet.getNameElement(),
                valueSet.getTitleElement(), valueSet.getStatusElement(), valueSet.getExperimentalElement(),
                valueSet.getDateElement(), valueSet.getPublisherElement(), valueSet.getDescriptionElement(),
                valueSet.getPurposeElement(), valueSet.getCopyrightElement())) {
            return false;
        }
        ValueSetExpansionComponent expansion = valueSet.getExpansion();
        if (!bare(expansion) || !allPlain(expansion.getIdentifierElement(), expansion.getTimestampElement(),
                expansion.getTotalElement(), expansion.getOffsetElement())) {
            return false;
        }
        for (ValueSetExpansionParameterComponent parameter : expansion.getParameter()) {
            Type value = parameter.getValue();
            if (!bare(parameter) || !allPlain(parameter.getNameElement())
                    || value != null && !(value instanceof PrimitiveType<?> && ParametersJson.plainValue(value))) {
                return false;
            }
        }
        return plain(expansion.getContains());
    }

    private static boolean plain(List<ValueSetExpansionContainsComponent> contains) {
        for (ValueSetExpansionContainsComponent c : contains) {
            if (!bare(c) || !allPlain(c.getSystemElement(), c.getAbstractElement(), c.getInactiveElement(),
                    c.getVersionElement(), c.getCodeElement(), c.getDisplayElement())) {
                return false;
            }
            for (ConceptReferenceDesignationComponent d : c.getDesignation()) {
                if (!bare(d) || !allPlain(d.getLanguageElement(), d.getValueElement())
                        || d.hasUse() && !ParametersJson.plainValue(d.getUse())) {
                    return false;
                }
            }
            if (!plain(c.getContains())) {
                return false;
            }
        }
        return true;
    }

    /** Without an id or extensions of its own. */
    private static boolean bare(BackboneElement element) {
        return !element.hasId() && !element.hasExtension() && !element.hasModifierExtension();
    }

    private static boolean allPlain(PrimitiveType<?>... primitives) {
        for (PrimitiveType<?> primitive : primitives) {
            if (!ParametersJson.plainPrimitive(primitive)) {
                return false;
            }
        }
        return true;
    }

    /** Writes the value set; call only when {@link #writable} said so. The writer is flushed, not closed. */
    public static void write(ValueSet valueSet, Writer writer) throws IOException {
        try (JsonGenerator json = ParametersJson.JSON.createGenerator(writer)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "ValueSet");
            if (valueSet.hasIdElement() && valueSet.getIdElement().hasIdPart()) {
                json.writeStringField("id", valueSet.getIdElement().getIdPart());
            }
            ParametersJson.writePrimitive(json, "url", valueSet.getUrlElement());
            ParametersJson.writePrimitive(json, "version", valueSet.getVersionElement());
            ParametersJson.writePrimitive(json, "name", valueSet.getNameElement());
            ParametersJson.writePrimitive(json, "title", valueSet.getTitleElement());
            ParametersJson.writePrimitive(json, "status", valueSet.getStatusElement());
            ParametersJson.writePrimitive(json, "experimental", valueSet.getExperimentalElement());
            ParametersJson.writePrimitive(json, "date", valueSet.getDateElement());
            ParametersJson.writePrimitive(json, "publisher", valueSet.getPublisherElement());
            ParametersJson.writePrimitive(json, "description", valueSet.getDescriptionElement());
            ParametersJson.writePrimitive(json, "purpose", valueSet.getPurposeElement());
            ParametersJson.writePrimitive(json, "copyright", valueSet.getCopyrightElement());
            writeExpansion(json, valueSet.getExpansion());
            json.writeEndObject();
        }
    }

    private static void writeExpansion(JsonGenerator json, ValueSetExpansionComponent expansion) throws IOException {
        if (expansion.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("expansion");
        ParametersJson.writePrimitive(json, "identifier", expansion.getIdentifierElement());
        ParametersJson.writePrimitive(json, "timestamp", expansion.getTimestampElement());
        ParametersJson.writePrimitive(json, "total", expansion.getTotalElement());
        ParametersJson.writePrimitive(json, "offset", expansion.getOffsetElement());
        writeArray(json, "parameter", expansion.getParameter(), (out, parameter) -> {
            ParametersJson.writePrimitive(out, "name", parameter.getNameElement());
            Type value = parameter.getValue();
            if (value instanceof PrimitiveType<?> primitive) {
                ParametersJson.writePrimitive(out, ParametersJson.valueField(value), primitive);
            }
        });
        writeContains(json, expansion.getContains());
        json.writeEndObject();
    }

    private static void writeContains(JsonGenerator json, List<ValueSetExpansionContainsComponent> contains)
            throws IOException {
        writeArray(json, "contains", contains, (out, c) -> {
            ParametersJson.writePrimitive(out, "system", c.getSystemElement());
            ParametersJson.writePrimitive(out, "abstract", c.getAbstractElement());
            ParametersJson.writePrimitive(out, "inactive", c.getInactiveElement());
            ParametersJson.writePrimitive(out, "version", c.getVersionElement());
            ParametersJson.writePrimitive(out, "code", c.getCodeElement());
            ParametersJson.writePrimitive(out, "display", c.getDisplayElement());
            writeArray(out, "designation", c.getDesignation(), (inner, d) -> {
                ParametersJson.writePrimitive(inner, "language", d.getLanguageElement());
                ParametersJson.writeCoding(inner, "use", d.getUse());
                ParametersJson.writePrimitive(inner, "value", d.getValueElement());
            });
            writeContains(out, c.getContains());
        });
    }

    /** Writes one element of an array. */
    private interface ElementWriter<T> {
        void write(JsonGenerator json, T element) throws IOException;
    }

    /** An array of the non-empty elements, as objects; nothing when there are none. */
    private static <T extends Base> void writeArray(JsonGenerator json, String field, List<T> elements,
            ElementWriter<T> each) throws IOException {
        boolean open = false;
        for (T element : elements) {
            if (element.isEmpty()) {
                continue;
            }
            if (!open) {
                json.writeArrayFieldStart(field);
                open = true;
            }
            json.writeStartObject();
            each.write(json, element);
            json.writeEndObject();
        }
        if (open) {
            json.writeEndArray();
        }
    }
}
