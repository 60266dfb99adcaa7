package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.TestTerminology;
import org.junit.jupiter.api.Test;

/**
 * Fails when the committed {@code terminology/} and {@code rules/} disagree with the CMS 2024 CSVs in
 * {@code ../shared/reference/cms-2024/} (the source of every number). The CSVs are read with plain Java,
 * following the rules of {@code tools/generate_terminology.py}. Skipped when the CSV folder is absent
 * (a clone without the shared reference data).
 */
class CmsReferenceConsistencyTest {

    static final Path CMS = Path.of("..", "shared", "reference", "cms-2024");
    private static final Path PTP_EDITS = Path.of("rules", "ptp-edits.csv");

    /** A hosted CPT or HCPCS code (not a category, not a modifier). */
    private record Hosted(String system, Concept concept) {
        String code() {
            return concept.code();
        }

        boolean retired() {
            return concept.isInactive();
        }
    }

    private record Ptp(String column1, String column2, String indicator) {}

    private final List<String> mismatches = new ArrayList<>();

    /** Skips the calling test on a clone without the shared CMS reference folder. */
    private static void requireCmsFolder() {
        assumeTrue(Files.isDirectory(CMS), "CMS reference CSVs not found at " + CMS.toAbsolutePath());
    }

    // ------------------------------------------------------------------ per-code facts

    @Test
    void feeScheduleFactsMatchThePfsBaseRows() throws IOException {
        requireCmsFolder();
        Map<String, Map<String, String>> pfs = pfsBaseRows();
        for (Hosted hosted : hostedCodes()) {
            Map<String, String> row = pfs.get(hosted.code());
            Concept c = hosted.concept();
            if (row == null) {
                continue; // active codes without a row: see everyActiveHostedCodeHasAPfsRow
            }
            if (hosted.retired()) {
                mismatch(hosted.code(), "pfs", "retired code has a 2024 PFS base row");
                continue;
            }
            decimal(hosted.code(), "workRvu", c.decimal("workRvu"), row.get("work_rvu"));
            decimal(hosted.code(), "nonFacilityRvu", c.decimal("nonFacilityRvu"), row.get("non_facility_total"));
            decimal(hosted.code(), "facilityRvu", c.decimal("facilityRvu"), row.get("facility_total"));
            same(hosted.code(), "globalDays", c.strings("globalDays"), row.get("glob_days"));
            same(hosted.code(), "multipleProcedure", c.strings("multipleProcedure"), row.get("mult_proc"));
            same(hosted.code(), "pctc", c.strings("pctc"), row.get("pctc_ind"));
            same(hosted.code(), "pfsStatus", c.strings("pfsStatus"), row.get("status_code"));
            String kind = "ZZZ".equals(row.get("glob_days")) ? "add-on" : "code";
            same(hosted.code(), "kind", c.strings("kind"), kind);
        }
        assertNoMismatches();
    }

    @Test
    void everyActiveHostedCodeHasAPfsRow() throws IOException {
        requireCmsFolder();
        Map<String, Map<String, String>> pfs = pfsBaseRows();
        int active = 0;
        for (Hosted hosted : hostedCodes()) {
            if (!hosted.retired()) {
                active++;
                if (!pfs.containsKey(hosted.code())) {
                    mismatch(hosted.code(), "pfs", "active hosted code has no base row (mod empty) in pfs-rvu-2024.csv");
                }
            } else {
                for (String field : List.of("globalDays", "workRvu", "nonFacilityRvu", "facilityRvu", "mueUnits")) {
                    if (!hosted.concept().values(field).isEmpty()) {
                        mismatch(hosted.code(), field, "retired code carries a CMS fact");
                    }
                }
            }
        }
        assertThat(active).as("active hosted codes").isGreaterThan(40);
        assertNoMismatches();
    }

    @Test
    void mueFactsMatchTheMueFile() throws IOException {
        requireCmsFolder();
        Map<String, Map<String, String>> mue = new HashMap<>();
        for (Map<String, String> row : readCsv(CMS.resolve("mue-practitioner-2024q3.csv"))) {
            mue.put(row.get("hcpcs_code"), row);
        }
        int checked = 0;
        for (Hosted hosted : hostedCodes()) {
            if (hosted.retired()) {
                continue;
            }
            Map<String, String> row = mue.get(hosted.code());
            Concept c = hosted.concept();
            if (row == null) {
                if (!c.values("mueUnits").isEmpty() || !c.values("mueAdjudication").isEmpty()) {
                    mismatch(hosted.code(), "mueUnits", "has an MUE but the MUE file has no row for it");
                }
                continue;
            }
            checked++;
            Integer units = c.integer("mueUnits");
            if (units == null || c.values("mueUnits").size() != 1
                    || units != Integer.parseInt(row.get("mue_units").strip())) {
                mismatch(hosted.code(), "mueUnits", "terminology " + c.strings("mueUnits") + ", CMS " + row.get("mue_units"));
            }
            same(hosted.code(), "mueAdjudication", c.strings("mueAdjudication"), row.get("mue_mai"));
        }
        assertThat(checked).as("hosted codes with an MUE row").isGreaterThan(30);
        assertNoMismatches();
    }

    @Test
    void addOnPrimariesMatchTheType1AddOnEdits() throws IOException {
        requireCmsFolder();
        // the generator lists every type-1 primary of a hosted add-on code, hosted or not
        Map<String, Set<String>> primaries = new HashMap<>();
        for (Map<String, String> row : readCsv(CMS.resolve("add-on-code-edits-2024-06.csv"))) {
            if ("1".equals(row.get("aoc_edit_type").strip())) {
                primaries.computeIfAbsent(row.get("add_on_code"), k -> new TreeSet<>()).add(row.get("primary_code"));
            }
        }
        int addOns = 0;
        for (Hosted hosted : hostedCodes()) {
            Set<String> actual = new TreeSet<>(hosted.concept().strings("addOnTo"));
            if (actual.size() != hosted.concept().strings("addOnTo").size()) {
                mismatch(hosted.code(), "addOnTo", "repeats a primary: " + hosted.concept().strings("addOnTo"));
            }
            if (hosted.concept().strings("kind").contains("add-on")) {
                addOns++;
                Set<String> expected = primaries.getOrDefault(hosted.code(), Set.of());
                if (!actual.equals(expected)) {
                    mismatch(hosted.code(), "addOnTo", "terminology " + actual + ", CMS type-1 primaries " + expected);
                }
            } else if (!actual.isEmpty()) {
                mismatch(hosted.code(), "addOnTo", "set on a code whose kind is not add-on: " + actual);
            }
        }
        assertThat(addOns).as("hosted add-on codes").isGreaterThanOrEqualTo(9);
        assertNoMismatches();
    }

    // ------------------------------------------------------------------ PTP edits

    @Test
    void ptpEditsAreExactlyTheActiveCmsRows() throws IOException {
        requireCmsFolder();
        Set<Ptp> cms = new TreeSet<>(PTP_ORDER);
        for (Map<String, String> row : readCsv(CMS.resolve("ptp-practitioner-2024q3.csv"))) {
            String deleted = row.get("deletion_date").strip();
            String indicator = row.get("modifier_indicator").strip();
            if ((deleted.isEmpty() || deleted.equals("9999-12-31")) && (indicator.equals("0") || indicator.equals("1"))) {
                cms.add(new Ptp(row.get("column1_comprehensive").strip(), row.get("column2_component").strip(), indicator));
            }
        }
        List<Map<String, String>> committedRows = readCsv(PTP_EDITS);
        Set<Ptp> committed = new TreeSet<>(PTP_ORDER);
        for (Map<String, String> row : committedRows) {
            committed.add(new Ptp(row.get("column1"), row.get("column2"), row.get("modifier_indicator")));
        }
        assertThat(committedRows).as("rows of rules/ptp-edits.csv").hasSize(committed.size());

        Set<Ptp> missing = new TreeSet<>(PTP_ORDER);
        missing.addAll(cms);
        missing.removeAll(committed);
        Set<Ptp> extra = new TreeSet<>(PTP_ORDER);
        extra.addAll(committed);
        extra.removeAll(cms);
        missing.forEach(p -> mismatch(p.column1() + "/" + p.column2(), "ptp",
                "CMS edit with modifier_indicator " + p.indicator() + " is missing from rules/ptp-edits.csv"));
        extra.forEach(p -> mismatch(p.column1() + "/" + p.column2(), "ptp",
                "rules/ptp-edits.csv edit with modifier_indicator " + p.indicator() + " is not an active CMS edit"));
        assertNoMismatches();
        assertThat(committed).hasSize(849);
    }

    @Test
    void ptpEditsHeader() throws IOException {
        // runs without the CMS folder too
        String header = Files.readAllLines(PTP_EDITS, StandardCharsets.UTF_8).get(0);
        assertThat(header).isEqualTo("column1,column2,modifier_indicator,rationale");
    }

    // ------------------------------------------------------------------ helpers

    private static final java.util.Comparator<Ptp> PTP_ORDER = java.util.Comparator.comparing(Ptp::column1)
            .thenComparing(Ptp::column2).thenComparing(Ptp::indicator);

    private static List<Hosted> hostedCodes() {
        List<Hosted> result = new ArrayList<>();
        for (String system : List.of(SystemUrls.CPT, SystemUrls.HCPCS)) {
            CodeSystemIndex index = TestTerminology.REPOSITORY.codeSystem(system).orElseThrow();
            for (Concept concept : index.concepts()) {
                List<String> kind = concept.strings("kind");
                if (concept.isAbstract() || kind.contains("category") || kind.contains("modifier")) {
                    continue;
                }
                result.add(new Hosted(system, concept));
            }
        }
        assertThat(result).as("hosted CPT/HCPCS codes").isNotEmpty();
        return result;
    }

    private static Map<String, Map<String, String>> pfsBaseRows() throws IOException {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Map<String, String> row : readCsv(CMS.resolve("pfs-rvu-2024.csv"))) {
            if (row.get("mod").strip().isEmpty()) {
                Map<String, String> previous = result.put(row.get("hcpcs").strip(), row);
                assertThat(previous).as("second base PFS row for " + row.get("hcpcs")).isNull();
            }
        }
        return result;
    }

    private void decimal(String code, String field, BigDecimal actual, String expected) {
        BigDecimal want = new BigDecimal(expected.strip());
        if (actual == null || actual.compareTo(want) != 0) {
            mismatch(code, field, "terminology " + actual + ", CMS " + expected);
        }
    }

    private void same(String code, String field, List<String> actual, String expected) {
        if (!actual.equals(List.of(expected.strip()))) {
            mismatch(code, field, "terminology " + actual + ", CMS " + expected);
        }
    }

    private void mismatch(String code, String field, String detail) {
        mismatches.add(code + " " + field + ": " + detail);
    }

    private void assertNoMismatches() {
        assertThat(mismatches).as("terminology/ and rules/ disagree with " + CMS + " (regenerate with "
                + "python3 tools/generate_terminology.py)").isEmpty();
    }

    /** A CSV file with a header row, as maps from column name to value (RFC 4180 quoting). */
    static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<List<String>> records = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(records).as(file + " has a header").isNotEmpty();
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int n = 1; n < records.size(); n++) {
            List<String> record = records.get(n);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            assertThat(record).as(file + " record " + (n + 1) + " has as many cells as the header").hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

}
