package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.terminology.SystemUrls;
import org.springframework.stereotype.Component;

/**
 * CODE-NOT-IN-SUBSET: a CPT/HCPCS code that the server does not host, or that is not a well-formed
 * CPT (five characters, four digits then a digit, F, T or U) or HCPCS level II (a letter and four
 * digits) code. The rules that need a code's facts skip such a line (docs/claim-rules.md,
 * "Hosted"; domain doc section 1 lists the hosted codes).
 */
@Component
final class CodeNotInSubsetRule implements ClaimRule {

    @Override
    public String id() {
        return "CODE-NOT-IN-SUBSET";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.hasCode() || line.isHosted()) {
                continue;
            }
            String system = SystemUrls.CPT.equals(line.system()) ? "CPT" : "HCPCS";
            String problem = line.wellFormed()
                    ? system + " code " + line.code() + " is not one of the dermatology codes this server hosts"
                    : "\"" + line.code() + "\" is not a well-formed CPT or HCPCS code (expected e.g. 11102 or J7308)";
            findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                    + problem + ", so the checks that need its facts (global days, add-on, units, bundling) skip"
                    + " this line; check the code" + (line.wellFormed() ? " against the payer's fee schedule" : ""));
        }
    }
}
