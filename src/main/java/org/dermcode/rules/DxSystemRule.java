package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.dermcode.terminology.SystemUrls;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.stereotype.Component;

/**
 * DX-SYSTEM: a coded diagnosis ({@code diagnosisCodeableConcept}) without an ICD-10-CM coding. US
 * professional claims take ICD-10-CM only; WHO ICD-10 or other systems are not accepted. Claim
 * level. Domain doc section 7 and section 8 (12 ICD-10-CM codes per claim).
 */
@Component
final class DxSystemRule implements ClaimRule {

    @Override
    public String id() {
        return "DX-SYSTEM";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Diagnosis dx : claim.diagnoses()) {
            if (!dx.coded() || dx.icdCode() != null) {
                continue;
            }
            List<String> found = new ArrayList<>();
            for (Coding coding : claim.claim().getDiagnosis().get(dx.index()).getDiagnosisCodeableConcept()
                    .getCoding()) {
                found.add(describe(coding));
            }
            findings.add(id(), Finding.CLAIM_LEVEL, dx.path(), "Diagnosis " + (dx.index() + 1)
                    + (dx.sequence() == null ? "" : " (sequence " + dx.sequence() + ")") + " is coded "
                    + (found.isEmpty() ? "with text only" : "as " + String.join(", ", found))
                    + ", not in ICD-10-CM; payers accept ICD-10-CM only: add the ICD-10-CM code (system "
                    + SystemUrls.ICD10CM + ")");
        }
    }

    private static String describe(Coding coding) {
        String system = SystemUrls.normalize(coding.getSystem());
        String name;
        if (system == null) {
            name = "a code without a system";
        } else if (SystemUrls.ICD10_WHO.equals(system)) {
            name = "WHO ICD-10";
        } else if (SystemUrls.ICD10CM.equals(system)) {
            name = "ICD-10-CM without a code";
        } else {
            name = system;
        }
        return coding.hasCode() ? coding.getCode() + " (" + name + ")" : name;
    }
}
