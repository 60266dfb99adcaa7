package org.dermcode.claim;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** Look-ups by URL are answered once, misses included, and no more are remembered than the limit. */
class CachingWorkerContextTest {

    private static final String KNOWN = "http://example.org/fhir/ValueSet/known";

    /** A support that knows one ValueSet and counts what it is asked. */
    private static final class CountingSupport implements IValidationSupport {
        final List<String> asked = new ArrayList<>();

        @Override
        public FhirContext getFhirContext() {
            return TestTerminology.FHIR;
        }

        @Override
        public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
            asked.add(url);
            if (KNOWN.equals(url) && (type == null || type.isAssignableFrom(ValueSet.class))) {
                ValueSet valueSet = new ValueSet();
                valueSet.setUrl(KNOWN);
                valueSet.setStatus(Enumerations.PublicationStatus.ACTIVE);
                return type == null ? null : type.cast(valueSet);
            }
            return null;
        }
    }

    @Test
    void answersAndMissesAreFetchedOnce() {
        CountingSupport support = new CountingSupport();
        CachingWorkerContext context = new CachingWorkerContext(support);

        for (int i = 0; i < 3; i++) {
            assertThat(context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, KNOWN).getUrl()).isEqualTo(KNOWN);
            assertThat(context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class,
                    "http://example.org/fhir/ValueSet/unknown")).isNull();
        }

        assertThat(support.asked).containsExactly(KNOWN, "http://example.org/fhir/ValueSet/unknown");
    }

    @Test
    void pastTheLimitAnswersAreFetchedAgainRatherThanRemembered() {
        CountingSupport support = new CountingSupport();
        CachingWorkerContext context = new CachingWorkerContext(support);
        for (int i = 0; i < CachingWorkerContext.MAX_ENTRIES; i++) {
            context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, "http://example.org/fhir/ValueSet/" + i);
        }

        context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, "http://example.org/fhir/ValueSet/one-more");
        context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, "http://example.org/fhir/ValueSet/one-more");
        context.fetchResource(org.hl7.fhir.r5.model.ValueSet.class, "http://example.org/fhir/ValueSet/0");

        assertThat(support.asked).hasSize(CachingWorkerContext.MAX_ENTRIES + 2);
    }
}
