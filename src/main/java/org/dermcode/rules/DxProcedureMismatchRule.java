package org.dermcode.rules;

import java.util.ArrayList;
import java.util.List;
import org.dermcode.claim.ClaimView;
import org.dermcode.claim.ClaimView.Diagnosis;
import org.dermcode.claim.ClaimView.Line;
import org.springframework.stereotype.Component;

/**
 * DX-PROCEDURE-MISMATCH: a procedure with expected diagnosis families ({@code expectedDiagnoses},
 * e.g. 17000 with actinic keratosis, 96920 with psoriasis) whose line points only at known
 * ICD-10-CM diagnoses, none of them in an expected family. Lines with a pointer to an unknown,
 * non-ICD-10-CM or missing diagnosis are left to the other rules. A warning: coverage depends on
 * the payer's LCD. Domain doc section 7.
 */
@Component
final class DxProcedureMismatchRule implements ClaimRule {

    private final CodeFactsRegistry registry;

    DxProcedureMismatchRule(CodeFactsRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String id() {
        return "DX-PROCEDURE-MISMATCH";
    }

    @Override
    public void check(ClaimView claim, Findings findings) {
        for (Line line : claim.lines()) {
            if (!line.isHosted() || line.facts().expectedDiagnoses().isEmpty() || line.diagnosisPointers().isEmpty()) {
                continue;
            }
            List<String> codes = pointedCodes(claim, line);
            if (codes == null) {
                continue;
            }
            boolean expected = codes.stream().anyMatch(code -> line.facts().expectedDiagnoses().stream()
                    .anyMatch(family -> registry.inFamily(family, code)));
            if (!expected) {
                findings.add(id(), line.index(), line.path() + ".diagnosisSequence", "Line " + line.number() + ": "
                        + line.code() + " points at " + String.join(", ", codes) + ", which "
                        + (codes.size() == 1 ? "is" : "are") + " not a diagnosis expected for it (expected: "
                        + families(line) + "); check the diagnosis pointers or the code, or keep documentation"
                        + " that supports medical necessity");
            }
        }
    }

    /** The ICD-10-CM codes the line points at, or null when a pointer does not lead to a known one. */
    private List<String> pointedCodes(ClaimView claim, Line line) {
        List<String> codes = new ArrayList<>();
        for (Integer pointer : line.diagnosisPointers()) {
            Diagnosis dx = pointer == null ? null : claim.diagnosisBySequence(pointer);
            if (dx == null || dx.icdCode() == null || !registry.isKnownDiagnosis(dx.icdCode())) {
                return null;
            }
            if (!codes.contains(dx.icdCode())) {
                codes.add(dx.icdCode());
            }
        }
        return codes;
    }

    /** "dx-actinic-keratosis" reads "actinic keratosis". */
    private static String families(Line line) {
        List<String> names = new ArrayList<>();
        for (String family : line.facts().expectedDiagnoses()) {
            names.add(family.startsWith("dx-") ? family.substring(3).replace('-', ' ') : family);
        }
        return String.join(" or ", names);
    }
}
