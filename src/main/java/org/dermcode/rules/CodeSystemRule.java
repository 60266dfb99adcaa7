package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.stereotype.Component;

/**
 * CODE-SYSTEM: a line whose productOrService has no CPT or HCPCS coding, so no billing rule can
 * read it (docs/claim-rules.md, "Code"; domain doc section 8, CMS-1500 24D / 837P SV101).
 */
@Component
final class CodeSystemRule implements ClaimRule {

    @Override
    public String id() {
        return "CODE-SYSTEM";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (line.hasCode()) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number()
                    + " has no CPT or HCPCS code (" + found(line) + "); code the service with a CPT"
                    + " (http://www.ama-assn.org/go/cpt) or HCPCS"
                    + " (https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets) coding");
        }
    }

    private static String found(Line line) {
        List<String> codings = new ArrayList<>();
        for (Coding coding : line.item().getProductOrService().getCoding()) {
            codings.add((coding.hasCode() ? coding.getCode() : "no code") + " in "
                    + (coding.hasSystem() ? coding.getSystem() : "no system"));
        }
        return codings.isEmpty() ? "no coding at all" : "found " + String.join(", ", codings);
    }
}
