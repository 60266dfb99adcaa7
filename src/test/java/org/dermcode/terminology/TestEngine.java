package org.dermcode.terminology;

import java.util.List;
import org.dermcode.TestTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;

/**
 * One route through HL7's engine over the committed terminology, shared by the plain tests of the
 * engine's answers: each engine converts our content to R5 for its worker contexts (about half a
 * second and tens of MB per context), so one is built for all of them, not one per test class.
 * Requests leave nothing behind in it (their resources are dropped, the result caches are off).
 */
final class TestEngine {

    static final TxOperations TX = new TxOperations(new TxEngine(TestTerminology.REPOSITORY, 2),
            TestTerminology.REPOSITORY);

    private TestEngine() {
    }

    /** The value of an answer's parameter as text, or null when it has none. */
    static String value(Parameters answer, String name) {
        return answer.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue() == null ? null : p.getValue().primitiveValue()).orElse(null);
    }

    /** An operation's R4 parameters and the resources it brings, as the engine route takes them. */
    static TxRequest request(Parameters r4, List<IBaseResource> resources) {
        return new TxRequest((org.hl7.fhir.r5.model.Parameters) TxEngine.toR5(r4), resources, null);
    }
}
