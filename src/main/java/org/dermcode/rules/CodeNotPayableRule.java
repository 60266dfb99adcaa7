package org.dermcode.rules;

import java.util.Map;
import java.util.Optional;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.FeeScheduleRow;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * CODE-NOT-PAYABLE: a code whose PFS status in the fee schedule in force on the date of service
 * means Medicare does not pay it under the fee schedule. The status indicators are CMS's (PFS RVU
 * file documentation): B bundled, P bundled or excluded, N non-covered, X statutory exclusion, I
 * not valid for Medicare; A (active), R (restricted coverage) and E (excluded from the fee schedule
 * but paid under another, as drugs are) are silent. 99024, the post-operative visit of the global
 * package (status B), is the everyday case: a tracking code without payment. Any code the fee
 * schedule lists is judged, hosted or not. Domain doc section 13.
 */
@Component
final class CodeNotPayableRule implements ClaimRule {

    /** The PFS status indicators under which Medicare pays nothing under the fee schedule, with what they mean. */
    static final Map<String, String> NOT_PAID = Map.of(
            "B", "bundled: payment is included in other services",
            "P", "bundled or excluded: no separate payment under the fee schedule",
            "N", "non-covered: Medicare does not cover it",
            "X", "statutory exclusion: not in the fee schedule's benefit",
            "I", "not valid for Medicare purposes: Medicare uses another code");

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
            Optional<FeeScheduleRow> fees = knowledge.fees(line.code(), line.date());
            String meaning = fees.map(f -> NOT_PAID.get(f.status())).orElse(null);
            if (meaning == null) {
                continue;
            }
            findings.add(id(), line.index(), line.path() + ".productOrService", "Line " + line.number() + ": "
                    + line.code() + " has PFS status " + fees.get().status() + " (" + meaning + ") in the "
                    + knowledge.pfsRelease(line.date()).label() + ", so Medicare pays nothing for it; keep it only"
                    + " as a record (as 99024 records a post-operative visit) and expect no payment, or bill the"
                    + " payable service it stands for");
        }
    }
}
