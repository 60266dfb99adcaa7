package org.dermcode.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.knowledge.IcdStatus;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * DX-NOT-BILLABLE: an ICD-10-CM diagnosis that is a category or subcategory header, not a complete
 * code, in the fiscal year in force on the date of service (C44.31, L40, and C44.112 since FY2019).
 * "For reporting purposes only codes are permissible, not categories or subcategories" (ICD-10-CM
 * Official Guidelines I.A.3; a code not coded to its full number of characters is invalid, I.B.2);
 * Medicare's front end rejects the claim. The date is that of the first line pointing at the
 * diagnosis (else the claim's first line date). The message names the billable codes under it.
 * Domain doc section 13.
 */
@Component
final class DxNotBillableRule implements ClaimRule {

    static final int NAMED = 8;

    private final Knowledge knowledge;

    DxNotBillableRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "DX-NOT-BILLABLE";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Diagnosis dx : claim.diagnoses()) {
            if (dx.icdCode() == null || !knowledge.icdKnown(dx.icdCode())) {
                continue;
            }
            LocalDate date = serviceDate(claim, dx);
            if (knowledge.icd(dx.icdCode(), date) != IcdStatus.HEADER) {
                continue;
            }
            List<String> billable = new ArrayList<>();
            collectBillable(dx.icdCode(), date, billable);
            String under = billable.size() <= NAMED ? String.join(", ", billable)
                    : String.join(", ", billable.subList(0, NAMED)) + " and " + (billable.size() - NAMED) + " more";
            findings.add(id(), Finding.CLAIM_LEVEL, dx.path(), "Diagnosis " + (dx.index() + 1)
                    + (dx.sequence() == null ? "" : " (sequence " + dx.sequence() + ")") + " is " + dx.icdCode()
                    + ", a category heading and not a billable ICD-10-CM code in "
                    + knowledge.icdFiscalYear(date).label() + "; code it to the full number of characters"
                    + (billable.isEmpty() ? "" : ", one of " + under));
        }
    }

    private void collectBillable(String code, LocalDate date, List<String> billable) {
        for (String child : knowledge.icdChildren(code, date)) {
            IcdStatus status = knowledge.icd(child, date);
            if (status == IcdStatus.BILLABLE) {
                billable.add(child);
            } else if (status == IcdStatus.HEADER) {
                collectBillable(child, date, billable);
            }
        }
    }

    /** The date of the first line pointing at the diagnosis, else of the claim's first dated line (null: none). */
    private static LocalDate serviceDate(ClaimView claim, Diagnosis dx) {
        LocalDate first = null;
        for (Line line : claim.lines()) {
            if (line.date() == null) {
                continue;
            }
            if (dx.sequence() != null && line.diagnosisPointers().contains(dx.sequence())) {
                return line.date();
            }
            if (first == null) {
                first = line.date();
            }
        }
        return first;
    }
}
