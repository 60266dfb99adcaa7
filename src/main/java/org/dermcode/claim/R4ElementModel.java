package org.dermcode.claim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.Property;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.formats.IParser.OutputStyle;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.utilities.StringPair;
import org.hl7.fhir.utilities.Utilities;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.hl7.fhir.utilities.xhtml.XhtmlParser;

/**
 * Builds the validator's element model straight from an R4 resource, the way HL7's
 * {@code ResourceParser} does for R5 resources. The alternative, encoding the Claim to JSON and
 * letting the validator parse that JSON again, spent about two thirds of a profile validation in
 * HAPI's encoder and the element-model JSON parser (docs/performance.md). The tree is the one the
 * JSON parser builds for HAPI's own encoding: same names (choice elements named by type, as in
 * {@code servicedDate}), same paths, empty elements left out as the encoder leaves them out.
 *
 * <p>Not thread-safe (it caches child definitions); each pooled validator has its own.
 */
final class R4ElementModel extends ParserBase {

    /**
     * What the builder needs to know of one child definition, worked out once: the definition's
     * name, the name R4's {@code getProperty} answers to (without "[x]") and its hash, whether it
     * repeats, whether it holds resources.
     */
    private record Child(Property property, String name, String r4Name, int r4Hash, boolean choice, boolean list,
            boolean resource) {}

    /** The root property of each resource type (the element model's own are rebuilt per call). */
    private final Map<String, Property> resourceProperties = new HashMap<>();
    /** Child definitions per property (by identity: the properties are cached and reused) and element name. */
    private final Map<Property, Map<String, List<Child>>> childDefinitions = new IdentityHashMap<>();

    R4ElementModel(IWorkerContext context) {
        super(context);
        setupValidation(ValidationPolicy.EVERYTHING);
    }

    /** The resource as an element tree; problems found on the way (only in narratives) go to {@code errors}. */
    Element build(Resource resource, List<ValidationMessage> errors) {
        String type = resource.fhirType();
        Element root = new Element(type, resourceProperty(type)).setFormat(FhirFormat.JSON);
        root.setType(type);
        root.setPath(type);
        addChildren(errors, type, resource, root);
        root.numberChildren();
        return root;
    }

    private Property resourceProperty(String type) {
        Property property = resourceProperties.get(type);
        if (property == null) {
            StructureDefinition definition = context.fetchTypeDefinition(type);
            if (definition == null) {
                throw new FHIRException("No definition for " + type);
            }
            property = new Property(context, definition.getSnapshot().getElement().get(0), definition,
                    getProfileUtilities(), getContextUtilities());
            resourceProperties.put(type, property);
        }
        return property;
    }

    private List<Child> children(Element element) {
        return childDefinitions.computeIfAbsent(element.getProperty(), p -> new HashMap<>())
                .computeIfAbsent(element.getName(), name -> {
                    List<Child> result = new ArrayList<>();
                    for (Property property : element.getProperty().getChildProperties(name, null)) {
                        String childName = property.getName();
                        boolean choice = childName.endsWith("[x]");
                        String r4Name = choice ? childName.substring(0, childName.length() - 3) : childName;
                        result.add(new Child(property, childName, r4Name, r4Name.hashCode(), choice, property.isList(),
                                property.isResource()));
                    }
                    return List.copyOf(result);
                });
    }

    private void addChildren(List<ValidationMessage> errors, String path, Base source, Element target) {
        boolean primitive = source.isPrimitive();
        for (Child child : children(target)) {
            if (primitive && "value".equals(child.name())) {
                continue; // the primitive's own value, set by the caller
            }
            Base[] values = source.getProperty(child.r4Hash(), child.r4Name(), false);
            if (values == null || values.length == 0) {
                continue;
            }
            Property property = child.property();
            int index = 0;
            for (Base value : values) {
                if (value == null) {
                    continue;
                }
                String childPath = path + "." + child.name() + (child.list() ? "[" + index + "]" : "");
                String name = child.choice() ? child.r4Name() + Utilities.capitalize(value.fhirType()) : child.name();
                Element element;
                if (child.resource()) {
                    if (value.isEmpty()) {
                        continue;
                    }
                    element = new Element(name, property).setFormat(FhirFormat.JSON);
                    element.updateProperty(resourceProperty(value.fhirType()),
                            Element.SpecialElement.fromProperty(element.getProperty()), property);
                    element.setType(value.fhirType());
                    element.setPath(childPath);
                    addChildren(errors, childPath, value, element);
                } else if (source instanceof Narrative text && "div".equals(child.name())) {
                    // R4's getProperty gives the div as a string; the node itself is on the Narrative
                    if (text.getDiv() == null || text.getDiv().isEmpty()) {
                        continue;
                    }
                    element = new Element(name, property, null, null).setFormat(FhirFormat.JSON);
                    element.setPath(childPath);
                    narrative(errors, childPath, element, text.getDiv());
                } else if (value.isPrimitive()) {
                    if (value.isEmpty()) {
                        continue; // no value, no extension: HAPI's encoder leaves it out
                    }
                    // the four-argument constructor skips the "is this a resource?" lookup of the other one
                    element = new Element(name, property, null, null).setFormat(FhirFormat.JSON);
                    element.setPath(childPath);
                    element.setValue(primitive(source, name, value));
                    addChildren(errors, childPath, value, element);
                } else {
                    element = new Element(name, property, null, null).setFormat(FhirFormat.JSON);
                    element.setPath(childPath);
                    addChildren(errors, childPath, value, element);
                    if (!element.hasChildren()) {
                        continue; // nothing in it: HAPI's encoder leaves it out
                    }
                }
                target.getChildren().add(element);
                index++;
            }
        }
    }

    /**
     * A narrative the way the JSON parser reads it: HAPI's text of the div, parsed again in XML
     * mode (HAPI's own tree of it differs, and the validator resolves the narrative's links on
     * the parsed tree), with the parser's complaints as errors.
     */
    private void narrative(List<ValidationMessage> errors, String path, Element element, XhtmlNode div) {
        String text = div.getValueAsString();
        element.setValue(text);
        try {
            XhtmlParser parser = new XhtmlParser();
            element.setXhtml(parser.setXmlMode(true).parse(text, null).getDocumentElement());
            for (StringPair issue : parser.getValidationIssues()) {
                logError(errors, "2022-11-17", -1, -1, path, IssueType.INVALID,
                        context.formatMessage(issue.getName(), issue.getValue()), IssueSeverity.ERROR);
            }
        } catch (IOException | RuntimeException e) {
            logError(errors, ValidationMessage.NO_RULE_DATE, -1, -1, path, IssueType.INVALID,
                    context.formatMessage(I18nConstants.ERROR_PARSING_XHTML_, e.getMessage()), IssueSeverity.ERROR);
        }
    }

    /** A resource's id as HAPI encodes it: the id part only, without a contained resource's '#'. */
    private static String primitive(Base parent, String name, Base value) {
        if ("id".equals(name) && parent instanceof Resource resource) {
            String id = resource.getIdElement().getIdPart();
            return id != null && id.startsWith("#") ? id.substring(1) : id;
        }
        return value.primitiveValue();
    }

    @Override
    public List<ValidatedFragment> parse(InputStream stream) {
        throw new UnsupportedOperationException("builds from R4 resources, not from streams");
    }

    @Override
    public void compose(Element e, OutputStream destination, OutputStyle style, String base) {
        throw new UnsupportedOperationException("builds element models, does not write them");
    }
}
