package org.dermcode.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dermcode.rules.ClaimBuilder.claim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermcode.TestTerminology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every NCCI edit of a release is enforced on a claim dated while that release judges it: each
 * PTP pair gets PTP-BUNDLED on its column 2 line (bypassed by XS for indicator 1 only), each MUE
 * UNITS-MUE one unit above it and not at it, each add-on edit ADDON-NO-PRIMARY without a primary
 * and not with one. The edits are read from the generated {@code rules/} tables, which
 * CmsReferenceConsistencyTest checks against the CMS files.
 */
class ReleaseEditsEnforcedTest {

    private final PtpBundledRule ptp = new PtpBundledRule(TestTerminology.KNOWLEDGE);
    private final UnitsMueRule mue = new UnitsMueRule(TestTerminology.FACTS);
    private final AddOnNoPrimaryRule addOn = new AddOnNoPrimaryRule();

    private static List<String[]> rows(String file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("rules", file));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(",", 5));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @CsvSource({"2026Q2, 2026-05-04, NCCI PTP 2026 Q2", "2024Q3, 2024-08-01, NCCI PTP 2024 Q3"})
    void everyPtpPairIsBundledUnlessBypassed(String release, String date, String label) throws IOException {
        List<String[]> pairs = rows("ncci-" + release + "-ptp.csv");
        assertThat(pairs).hasSizeGreaterThan(800);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String[] pair : pairs) {
            if (isVisit(pair[0]) || isVisit(pair[1])) {
                continue; // a visit's pairs are reported once per visit (PtpBundledRuleTest), or left to MOD-25-MISSING
            }
            checked++;
            var findings = RuleTesting.run(ptp, claim().line(pair[0]).date(date).line(pair[1]).date(date).build());
            if (findings.size() != 1 || !findings.get(0).expression().equals("Claim.item[1].productOrService")
                    || !findings.get(0).message().contains(label)) {
                wrong.add(pair[0] + "/" + pair[1] + ": " + findings);
            }
            var bypassed = RuleTesting.run(ptp, claim().line(pair[0]).date(date).line(pair[1]).mod("XS").date(date)
                    .build());
            if (bypassed.isEmpty() != pair[2].equals("1")) {
                wrong.add(pair[0] + "/" + pair[1] + " indicator " + pair[2] + " with XS: " + bypassed);
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(wrong).isEmpty();
    }

    private static boolean isVisit(String code) {
        return TestTerminology.FACTS.code(code).map(CodeFacts::isEm).orElse(false);
    }

    @ParameterizedTest
    @CsvSource({"2026Q2, 2026-05-04, NCCI MUE 2026 Q2", "2024Q3, 2024-08-01, NCCI MUE 2024 Q3"})
    void everyMueIsEnforced(String release, String date, String label) throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String[] row : rows("ncci-" + release + "-mue.csv")) {
            if (TestTerminology.FACTS.code(row[0]).isEmpty()) {
                continue; // a partner code the server does not host
            }
            checked++;
            int limit = Integer.parseInt(row[1]);
            var over = RuleTesting.run(mue, claim().line(row[0]).date(date).units(limit + 1).build());
            if (over.size() != 1 || !over.get(0).message().contains(label)) {
                wrong.add(row[0] + " at " + (limit + 1) + ": " + over);
            }
            if (!RuleTesting.run(mue, claim().line(row[0]).date(date).units(limit).build()).isEmpty()) {
                wrong.add(row[0] + " at its MUE " + limit + " fires");
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2026Q2, 2026-05-04", "2024Q3, 2024-08-01"})
    void everyAddOnEditIsEnforced(String release, String date) throws IOException {
        Map<String, List<String>> primaries = new LinkedHashMap<>();
        for (String[] row : rows("ncci-" + release + "-aoc.csv")) {
            primaries.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var entry : primaries.entrySet()) {
            var facts = TestTerminology.FACTS.code(entry.getKey(), java.time.LocalDate.parse(date));
            if (facts.isEmpty() || !facts.get().isAddOn()) {
                continue; // an add-on the server does not host
            }
            checked++;
            if (RuleTesting.run(addOn, claim().line(entry.getKey()).date(date).build()).size() != 1) {
                wrong.add(entry.getKey() + " alone");
            }
            for (String primary : entry.getValue()) {
                // only the add-on's own line: a primary that is itself an add-on (17312 for 17315) has its own edit
                if (RuleTesting.run(addOn, claim().line(primary).date(date).line(entry.getKey()).date(date).build())
                        .stream().anyMatch(f -> f.line() == 1)) {
                    wrong.add(entry.getKey() + " with " + primary);
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
        assertThat(wrong).isEmpty();
    }
}
