package org.dermcode.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
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
        for (PrimitiveType<?> primitive : List.of(valueSet.getUrlElement(), valueSet.getVersionElement(),
                valueSet.getNameElement(), valueSet.getTitleElement(), valueSet.getStatusElement(),
                valueSet.getExperimentalElement(), valueSet.getDateElement(), valueSet.getPublisherElement(),
                valueSet.getDescriptionElement(), valueSet.getPurposeElement(), valueSet.getCopyrightElement())) {
            if (!ParametersJson.plainPrimitive(primitive)) {
                return false;
            }
        }
        ValueSetExpansionComponent expansion = valueSet.getExpansion();
        if (expansion.hasId() || expansion.hasExtension() || expansion.hasModifierExtension()
                || !ParametersJson.plainPrimitive(expansion.getIdentifierElement())
                || !ParametersJson.plainPrimitive(expansion.getTimestampElement())
                || !ParametersJson.plainPrimitive(expansion.getTotalElement())
                || !ParametersJson.plainPrimitive(expansion.getOffsetElement())) {
            return false;
        }
        for (ValueSetExpansionParameterComponent parameter : expansion.getParameter()) {
            if (parameter.hasId() || parameter.hasExtension() || parameter.hasModifierExtension()
                    || !ParametersJson.plainPrimitive(parameter.getNameElement())
                    || parameter.getValue() != null && !(parameter.getValue() instanceof PrimitiveType<?>
                            && ParametersJson.plainValue(parameter.getValue()))) {
                return false;
            }
        }
        return plain(expansion.getContains());
    }

    private static boolean plain(List<ValueSetExpansionContainsComponent> contains) {
        for (ValueSetExpansionContainsComponent c : contains) {
            if (c.hasId() || c.hasExtension() || c.hasModifierExtension()
                    || !ParametersJson.plainPrimitive(c.getSystemElement())
                    || !ParametersJson.plainPrimitive(c.getAbstractElement())
                    || !ParametersJson.plainPrimitive(c.getInactiveElement())
                    || !ParametersJson.plainPrimitive(c.getVersionElement())
                    || !ParametersJson.plainPrimitive(c.getCodeElement())
                    || !ParametersJson.plainPrimitive(c.getDisplayElement())) {
                return false;
            }
            for (ConceptReferenceDesignationComponent d : c.getDesignation()) {
                if (d.hasId() || d.hasExtension() || d.hasModifierExtension()
                        || !ParametersJson.plainPrimitive(d.getLanguageElement())
                        || d.hasUse() && !ParametersJson.plainValue(d.getUse())
                        || !ParametersJson.plainPrimitive(d.getValueElement())) {
                    return false;
                }
            }
            if (!plain(c.getContains())) {
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
        boolean open = false;
        for (ValueSetExpansionParameterComponent parameter : expansion.getParameter()) {
            if (parameter.isEmpty()) {
                continue;
            }
            if (!open) {
                json.writeArrayFieldStart("parameter");
                open = true;
            }
            json.writeStartObject();
            ParametersJson.writePrimitive(json, "name", parameter.getNameElement());
            Type value = parameter.getValue();
            if (value instanceof PrimitiveType<?> primitive) {
                ParametersJson.writePrimitive(json, ParametersJson.valueField(value), primitive);
            }
            json.writeEndObject();
        }
        if (open) {
            json.writeEndArray();
        }
        writeContains(json, expansion.getContains());
        json.writeEndObject();
    }

    private static void writeContains(JsonGenerator json, List<ValueSetExpansionContainsComponent> contains)
            throws IOException {
        boolean open = false;
        for (ValueSetExpansionContainsComponent c : contains) {
            if (c.isEmpty()) {
                continue;
            }
            if (!open) {
                json.writeArrayFieldStart("contains");
                open = true;
            }
            json.writeStartObject();
            ParametersJson.writePrimitive(json, "system", c.getSystemElement());
            ParametersJson.writePrimitive(json, "abstract", c.getAbstractElement());
            ParametersJson.writePrimitive(json, "inactive", c.getInactiveElement());
            ParametersJson.writePrimitive(json, "version", c.getVersionElement());
            ParametersJson.writePrimitive(json, "code", c.getCodeElement());
            ParametersJson.writePrimitive(json, "display", c.getDisplayElement());
            writeDesignations(json, c.getDesignation());
            writeContains(json, c.getContains());
            json.writeEndObject();
        }
        if (open) {
            json.writeEndArray();
        }
    }

    private static void writeDesignations(JsonGenerator json, List<ConceptReferenceDesignationComponent> designations)
            throws IOException {
        boolean open = false;
        for (ConceptReferenceDesignationComponent d : designations) {
            if (d.isEmpty()) {
                continue;
            }
            if (!open) {
                json.writeArrayFieldStart("designation");
                open = true;
            }
            json.writeStartObject();
            ParametersJson.writePrimitive(json, "language", d.getLanguageElement());
            Coding use = d.getUse();
            if (use != null && !use.isEmpty()) {
                json.writeObjectFieldStart("use");
                ParametersJson.writePrimitive(json, "system", use.getSystemElement());
                ParametersJson.writePrimitive(json, "version", use.getVersionElement());
                ParametersJson.writePrimitive(json, "code", use.getCodeElement());
                ParametersJson.writePrimitive(json, "display", use.getDisplayElement());
                ParametersJson.writePrimitive(json, "userSelected", use.getUserSelectedElement());
                json.writeEndObject();
            }
            ParametersJson.writePrimitive(json, "value", d.getValueElement());
            json.writeEndObject();
        }
        if (open) {
            json.writeEndArray();
        }
    }
}
