package org.dermcode.terminology;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionComponent;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionParameterComponent;

/**
 * An expansion that used a fragment of a code system says so as HL7's engine does now: the
 * parameter {@code used-fragment} (6.6.7: {@code fragment}) after the {@code used-codesystem}s, and
 * the expansion is marked unclosed ({@code valueset-unclosed}, with the reason): codes the fragment
 * does not hold may belong to it.
 */
final class FragmentExpansion {

    static final String UNCLOSED = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed";
    static final String UNCLOSED_REASON = "http://hl7.org/fhir/StructureDefinition/valueset-unclosed-reason";

    private FragmentExpansion() {
    }

    static void current(ValueSetExpansionComponent expansion) {
        List<String> fragments = new ArrayList<>();
        for (ValueSetExpansionParameterComponent p : expansion.getParameter()) {
            if ("fragment".equals(p.getName()) && p.hasValue() && !fragments.contains(p.getValue().primitiveValue())) {
                fragments.add(p.getValue().primitiveValue());
            }
        }
        if (fragments.isEmpty()) {
            return;
        }
        expansion.getParameter().removeIf(p -> "fragment".equals(p.getName()));
        int after = 0;
        for (int i = 0; i < expansion.getParameter().size(); i++) {
            if ("used-codesystem".equals(expansion.getParameter().get(i).getName())) {
                after = i + 1;
            }
        }
        for (String fragment : fragments) {
            ValueSetExpansionParameterComponent used = new ValueSetExpansionParameterComponent().setName("used-fragment");
            used.setValue(new UriType(fragment));
            expansion.getParameter().add(after++, used);
        }
        if (!expansion.hasExtension(UNCLOSED)) {
            String url = fragments.get(0).contains("|") ? fragments.get(0).substring(0, fragments.get(0).indexOf('|'))
                    : fragments.get(0);
            expansion.addExtension(UNCLOSED, new BooleanType(true));
            expansion.addExtension(UNCLOSED_REASON, new StringType(TxMessages.format("FRAGMENT_UNCLOSED", url)));
        }
    }
}
