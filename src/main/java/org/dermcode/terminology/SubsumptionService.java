package org.dermcode.terminology;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;

/** {@code CodeSystem/$subsumes}: how two codes of one code system relate in its is-a hierarchy. */
public final class SubsumptionService {

    public Parameters subsumes(TerminologyRepository scope, String system, String version, String codeA, String codeB) {
        CodeSystemIndex index = scope.codeSystem(system, version)
                .orElseThrow(() -> new InvalidRequestException("Parameter 'system': unknown code system " + system));
        String a = index.find(codeA).orElseThrow(() -> unknown("codeA", codeA, index)).code();
        String b = index.find(codeB).orElseThrow(() -> unknown("codeB", codeB, index)).code();
        String outcome;
        if (a.equals(b)) {
            outcome = "equivalent";
        } else if (index.subsumes(a, b)) {
            outcome = "subsumes";
        } else if (index.subsumes(b, a)) {
            outcome = "subsumed-by";
        } else {
            outcome = "not-subsumed";
        }
        Parameters out = new Parameters();
        out.addParameter().setName("outcome").setValue(new CodeType(outcome));
        return out;
    }

    private static InvalidRequestException unknown(String parameter, String code, CodeSystemIndex index) {
        return new InvalidRequestException("Parameter '" + parameter + "': unknown code '" + code + "' in code system "
                + index.url());
    }
}
