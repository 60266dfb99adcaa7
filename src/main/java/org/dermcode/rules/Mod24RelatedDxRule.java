package org.dermcode.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.dermcode.claim.ClaimView.Line;
import org.dermcode.claim.ClaimView.Modifier;
import org.dermcode.knowledge.Knowledge;
import org.springframework.stereotype.Component;

/**
 * MOD-24-RELATED-DX: an E/M with 24 (unrelated visit in a post-operative period) inside the
 * post-operative period of a procedure of the same provider ({@link GlobalPeriods}) whose pointed
 * diagnoses are all diagnoses of that procedure: 24 says "unrelated", the diagnoses say it is the
 * surgery's follow-up, which the global package includes (Claims Processing Manual ch. 12 sec.
 * 40.1 and 30.6.6; domain doc section 5, MOD-06). Lines whose pointers lead to no ICD-10-CM code
 * are not judged.
 */
@Component
final class Mod24RelatedDxRule implements ClaimRule {

    private final Knowledge knowledge;

    Mod24RelatedDxRule(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String id() {
        return "MOD-24-RELATED-DX";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line visit : claim.lines()) {
            if (!visit.isEm() || !visit.hasModifier(Modifiers.UNRELATED_EM_POSTOP)) {
                continue;
            }
            Line surgery = GlobalPeriods.surgeryBefore(claim, visit, knowledge);
            if (surgery == null) {
                continue;
            }
            Set<String> visitDx = codes(claim, visit);
            Set<String> surgeryDx = codes(claim, surgery);
            if (visitDx == null || surgeryDx == null || !surgeryDx.containsAll(visitDx)) {
                continue;
            }
            Modifier mod24 = null;
            for (Modifier modifier : visit.modifiers()) {
                if (modifier.code().equals(Modifiers.UNRELATED_EM_POSTOP)) {
                    mod24 = modifier;
                    break;
                }
            }
            findings.add(id(), visit.index(), visit.path() + ".modifier[" + mod24.index() + "]", "Line "
                    + visit.number() + ": " + visit.code() + "-24 on " + visit.date() + " says the visit is unrelated"
                    + " to " + surgery.code() + " (line " + surgery.number() + ", " + surgery.date() + ", "
                    + GlobalPeriods.postOperativeDays(surgery, knowledge) + "-day global), but it points only at "
                    + String.join(", ", visitDx) + ", the diagnosis of that procedure; a follow-up of the surgery"
                    + " is part of its global package (not billed), so point the visit at the unrelated problem's"
                    + " diagnosis, or remove the visit");
        }
    }

    /** The ICD-10-CM codes a line points at, or null when it points at none or at one without a code. */
    private static Set<String> codes(ClaimView claim, Line line) {
        if (line.diagnosisPointers().isEmpty()) {
            return null;
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Integer pointer : line.diagnosisPointers()) {
            Diagnosis dx = pointer == null ? null : claim.diagnosisBySequence(pointer);
            if (dx == null || dx.icdCode() == null) {
                return null;
            }
            codes.add(dx.icdCode());
        }
        return codes;
    }
}
