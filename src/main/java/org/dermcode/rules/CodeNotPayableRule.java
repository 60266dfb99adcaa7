package org.dermcode.rules;

import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.FeeScheduleRow;
import org.dermcode.knowledge.Knowledge;
import org.dermcode.knowledge.PfsStatus;
import org.springframework.stereotype.Component;

/**
 * CODE-NOT-PAYABLE: a code whose PFS status in the fee schedule in force on the date of service
 * means Medicare does not pay it under the fee schedule. What each status indicator means, and
 * whether Medicare pays it, is data ({@code rules/pfs-status.csv} from CMS's PFS RVU file
 * documentation, read through {@link Knowledge#pfsStatus}): B bundled, P bundled or excluded, N
 * non-covered, X statutory exclusion, I not valid for Medicare, M measurement only fire; A (active),
 * R (restricted coverage) and E (excluded from the fee schedule but paid under another, as drugs
 * are) are silent. 99024, the post-operative visit of the global package (status B), is the
 * everyday case: a tracking code without payment. Any code the fee schedule lists is judged,
 * hosted or not. Domain doc section 13.
 */
@Component
final class CodeNotPayableRule implements ClaimRule {

    private final Knowledge knowledge;

    CodeNotPayableRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "CODE-NOT-PAYABLE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.hasCode() || !line.wellFormed()) {
                continue;
            }
            FeeScheduleRow fees = knowledge.fees(line.code(), line.date()).orElse(null);
            PfsStatus status = fees == null ? null : knowledge.pfsStatus(fees.status()).orElse(null);
            if (status == null || status.medicarePays()) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                    + line.code() + " has PFS status " + status.code() + " (" + status.meaning() + ") in the "
                    + knowledge.pfsRelease(line.date()).label() + ", so Medicare pays nothing for it; keep it only"
                    + " as a record (as 99024 records a post-operative visit) and expect no payment, or bill the"
                    + " payable service it stands for");
        }
    }
}
