package org.dermcode.claim;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.model.Resource;

/**
 * The validator's view of the support chain, with the answers to "fetch this definition by URL"
 * remembered. HL7's validator asks that question several times per element (is this type a
 * resource? what is this value set?), and each answer otherwise goes through the whole chain:
 * resource-type lookup in the FhirContext, the chain's own cache keyed by strings, and the
 * canonical-version bookkeeping. That was about a sixth of a claim's profile validation.
 *
 * <p>Safe because everything the chain serves is fixed at start-up (the R4 core definitions, the
 * bundled terminology and profiles). Bounded, because a claim chooses some of the URLs asked for
 * (profiles, code systems, extensions) and misses are remembered too: past a limit, answers are
 * looked up again rather than remembered.
 */
final class CachingWorkerContext extends WorkerContextValidationSupportAdapter {

    /** Beyond this many remembered answers per resource type, new ones are not remembered. */
    static final int MAX_ENTRIES = 10_000;

    private final Map<Class<?>, Map<String, Optional<Resource>>> fetched = new ConcurrentHashMap<>();

    CachingWorkerContext(IValidationSupport chain) {
        super(chain);
    }

    @Override
    public <T extends Resource> T fetchResource(Class<T> type, String url) {
        if (url == null) {
            return null;
        }
        Map<String, Optional<Resource>> ofType = fetched.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        Optional<Resource> known = ofType.get(url);
        if (known == null) {
            known = Optional.ofNullable(super.fetchResource(type, url));
            if (ofType.size() < MAX_ENTRIES) {
                ofType.put(url, known);
            }
        }
        return type.cast(known.orElse(null));
    }
}
