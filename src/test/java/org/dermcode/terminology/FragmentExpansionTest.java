package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.model.UriType;
import org.hl7.fhir.r5.model.ValueSet.ValueSetExpansionComponent;
import org.junit.jupiter.api.Test;

/** An expansion over a fragment names it used-fragment and is marked unclosed. */
class FragmentExpansionTest {

    private static final String CS = "http://example.org/fhir/CodeSystem/part";

    @Test
    void theFragmentIsUsedFragmentAfterTheCodeSystemAndTheExpansionIsUnclosed() {
        ValueSetExpansionComponent expansion = new ValueSetExpansionComponent();
        expansion.addParameter().setName("excludeNested").setValue(new BooleanType(true));
        expansion.addParameter().setName("fragment").setValue(new CanonicalType(CS + "|1"));
        expansion.addParameter().setName("used-codesystem").setValue(new UriType(CS + "|1"));

        FragmentExpansion.current(expansion);

        assertThat(expansion.getParameter()).extracting(p -> p.getName())
                .containsExactly("excludeNested", "used-codesystem", "used-fragment");
        assertThat(expansion.getParameter().get(2).getValue()).isInstanceOf(UriType.class);
        assertThat(expansion.getParameter().get(2).getValue().primitiveValue()).isEqualTo(CS + "|1");
        assertThat(expansion.getExtensionByUrl(FragmentExpansion.UNCLOSED).getValue().primitiveValue()).isEqualTo("true");
        assertThat(expansion.getExtensionByUrl(FragmentExpansion.UNCLOSED_REASON).getValue().primitiveValue())
                .isEqualTo("This extension is based on a fragment of the code system " + CS);
    }

    @Test
    void anExpansionWithoutFragmentIsUnchanged() {
        ValueSetExpansionComponent expansion = new ValueSetExpansionComponent();
        expansion.addParameter().setName("used-codesystem").setValue(new UriType(CS + "|1"));

        FragmentExpansion.current(expansion);

        assertThat(expansion.getParameter()).extracting(p -> p.getName()).containsExactly("used-codesystem");
        assertThat(expansion.hasExtension()).isFalse();
    }
}
