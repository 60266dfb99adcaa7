package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * DX-SITE-MISMATCH: a site-specific procedure (one with a {@code siteGroup}: Mohs, shave removal,
 * excision, destruction, repair, adjacent tissue transfer) whose pointed diagnoses all name a body site
 * (ICD-10-CM category + 4th character, {@code rules/icd-body-sites.csv}) that the code's site group
 * does not treat, such as 17313 (trunk, arms, legs) for a basal cell carcinoma of the nose. One
 * diagnosis without a site (D48.5, L57.0, overlapping or unspecified sites) or with a fitting site
 * keeps the line silent, as does a pointer that does not lead to a coded diagnosis (left to the
 * SEQ rules). The finding is on the line's first diagnosis pointer. A warning: payers differ.
 */
@Component
final class DxSiteMismatchRule implements ClaimRule {

    private final Knowledge knowledge;

    DxSiteMismatchRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "DX-SITE-MISMATCH";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            String group = line.isHosted() ? line.facts().siteGroup() : null;
            if (group == null || line.diagnosisPointers().isEmpty()) {
                continue;
            }
            List<String> named = new ArrayList<>();
            boolean fits = false;
            for (Integer pointer : line.diagnosisPointers()) {
                Diagnosis dx = pointer == null ? null : claim.diagnosisBySequence(pointer);
                String site = dx == null ? null : knowledge.icdBodySite(dx.icdCode()).orElse(null);
                if (site == null || knowledge.siteGroupTreats(group, dx.icdCode())) {
                    fits = true;
                    break;
                }
                named.add(dx.icdCode() + " (" + site + ")");
            }
            if (!fits) {
                findings.add(id(), line.index(), line.path() + ".diagnosisSequence[0]", "Line " + line.number()
                        + ": " + line.code() + " is for the site group " + group.replace('-', ' ')
                        + ", but it points only at diagnoses of other body sites: " + String.join(", ", named)
                        + "; use the code of the lesion's site group or point at the diagnosis of that site");
            }
        }
    }
}
