package org.dermcode.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dermcode.TestTerminology;
import org.dermcode.knowledge.CmsFacts;
import org.dermcode.knowledge.IcdStatus;
import org.dermcode.knowledge.PtpPair;
import org.junit.jupiter.api.Test;

/**
 * Fails when the committed {@code terminology/} and {@code rules/}, or what the knowledge component
 * answers on a date, disagree with the CMS and ICD-10-CM releases in {@code ../shared/reference/}
 * (the source of every number), for every release listed in
 * {@code tools/terminology-source/releases.csv}. The reference files are read with plain Java and the
 * README's coverage rule is applied here independently of {@code Knowledge}. Skipped when the
 * reference folder is absent (a clone without the shared data).
 */
class CmsReferenceConsistencyTest {

    static final Path REFERENCE = Path.of("..", "shared", "reference");
    static final Path CMS = REFERENCE.resolve("cms-releases");
    static final Path ICD = REFERENCE.resolve("icd-10-cm");
    private static final Path RELEASES = Path.of("tools", "terminology-source", "releases.csv");
    private static final Path RULES = Path.of("rules");

    /** One row of releases.csv with the reference rows read for it. */
    private record Source(String folder, String kind, String id, String period, LocalDate from) {
        String year() {
            return period.replaceAll("\\D", "").substring(0, 4);
        }
    }

    /** An NCCI release as the reference files give it. */
    private record Ncci(Source source, Set<String> coverage, Map<String, List<String>> mue,
            Map<String, Set<String>> addOns, Map<String, List<String>> pairs) {}

    private final List<String> mismatches = new ArrayList<>();

    private static void requireReference() {
        assumeTrue(Files.isDirectory(CMS) && Files.isDirectory(ICD), "reference data not found at "
                + REFERENCE.toAbsolutePath());
    }

    // ------------------------------------------------------------------ the release tables in rules/

    @Test
    void feeScheduleTablesAreTheBaseAndComponentRowsOfEachRelease() throws IOException {
        requireReference();
        int releases = 0;
        int components = 0;
        Set<String> statuses = new TreeSet<>();
        readCsv(RULES.resolve("pfs-status.csv")).forEach(r -> statuses.add(r.get("status")));
        for (Source pfs : sources("pfs")) {
            releases++;
            Map<String, Map<String, String>> cms = pfsRows(pfs);
            Map<String, Map<String, String>> ours = new LinkedHashMap<>();
            for (Map<String, String> row : readCsv(RULES.resolve("pfs-" + pfs.id() + ".csv"))) {
                String key = rowKey(row.get("code"), row.get("modifier"));
                assertThat(ours.put(key, row)).as(pfs.id() + " second row for " + key).isNull();
            }
            assertThat(ours.keySet()).as(pfs.id() + " code and modifier rows").isEqualTo(cms.keySet());
            components += (int) ours.keySet().stream().filter(k -> k.contains("-")).count();
            for (var entry : cms.entrySet()) {
                Map<String, String> c = entry.getValue();
                Map<String, String> o = ours.get(entry.getKey());
                String code = pfs.id() + " " + entry.getKey();
                same(code, "status", List.of(o.get("status")), c.get("status_code"));
                same(code, "global_days", List.of(o.get("global_days")), c.get("glob_days"));
                decimal(code, "work_rvu", new BigDecimal(o.get("work_rvu")), c.get("work_rvu"));
                decimal(code, "non_facility_total", new BigDecimal(o.get("non_facility_total")), c.get("non_facility_total"));
                decimal(code, "facility_total", new BigDecimal(o.get("facility_total")), c.get("facility_total"));
                same(code, "pctc", List.of(o.get("pctc")), c.get("pctc_ind"));
                same(code, "mult_proc", List.of(o.get("mult_proc")), c.get("mult_proc"));
                decimal(code, "conv_factor", new BigDecimal(o.get("conv_factor")), c.get("conv_factor"));
                if (!statuses.contains(o.get("status"))) {
                    mismatch(code, "status", o.get("status") + " is not in rules/pfs-status.csv");
                }
            }
        }
        assertThat(releases).isGreaterThanOrEqualTo(3);
        assertThat(components).as("26 and TC rows over all releases").isGreaterThan(100);
        assertNoMismatches();
    }

    @Test
    void ncciTablesAreTheActiveEditsOfEachRelease() throws IOException {
        requireReference();
        for (Source source : sources("ncci")) {
            Ncci cms = ncci(source);
            String prefix = "ncci-" + source.id() + "-";
            Set<String> coverage = new TreeSet<>();
            readCsv(RULES.resolve(prefix + "coverage.csv")).forEach(r -> coverage.add(r.get("code")));
            assertThat(coverage).as(source.id() + " coverage").isEqualTo(cms.coverage());
            Map<String, List<String>> mue = new HashMap<>();
            readCsv(RULES.resolve(prefix + "mue.csv")).forEach(r -> mue.put(r.get("code"),
                    List.of(r.get("mue_units"), r.get("mue_mai"))));
            assertThat(mue).as(source.id() + " MUEs").isEqualTo(cms.mue());
            Map<String, Set<String>> addOns = new HashMap<>();
            readCsv(RULES.resolve(prefix + "aoc.csv")).forEach(r -> addOns.computeIfAbsent(r.get("add_on"),
                    k -> new TreeSet<>()).add(r.get("primary")));
            assertThat(addOns).as(source.id() + " add-on edits").isEqualTo(cms.addOns());
            Map<String, List<String>> pairs = new HashMap<>();
            List<Map<String, String>> rows = readCsv(RULES.resolve(prefix + "ptp.csv"));
            rows.forEach(r -> pairs.put(r.get("column1") + "/" + r.get("column2"), List.of(r.get("modifier_indicator"),
                    r.get("orientation"), r.get("rationale"))));
            assertThat(rows).as(source.id() + " PTP rows are unique").hasSize(pairs.size());
            assertThat(pairs).as(source.id() + " PTP pairs").isEqualTo(cms.pairs());
        }
    }

    // ------------------------------------------------------------------ the CodeSystem versions

    @Test
    void everyCodeSystemVersionCarriesTheFactsOfItsYear() throws IOException {
        requireReference();
        List<Ncci> ncci = new ArrayList<>();
        for (Source source : sources("ncci")) {
            ncci.add(ncci(source));
        }
        int checked = 0;
        for (Source pfs : sources("pfs")) {
            Map<String, Map<String, String>> rows = pfsBaseRows(pfs);
            LocalDate lastDay = LocalDate.parse(pfs.year() + "-12-31");
            for (String system : List.of(SystemUrls.CPT, SystemUrls.HCPCS)) {
                CodeSystemIndex index = TestTerminology.REPOSITORY.codeSystem(system, pfs.year()).orElseThrow(
                        () -> new AssertionError(system + " has no version " + pfs.year()));
                for (Concept c : index.concepts()) {
                    List<String> kind = c.strings("kind");
                    if (c.isAbstract() || kind.contains("category") || kind.contains("modifier")) {
                        continue;
                    }
                    String code = pfs.year() + " " + c.code();
                    Map<String, String> row = rows.get(c.code());
                    if (c.isInactive()) {
                        if (row != null) {
                            mismatch(code, "pfs", "retired in this version but has a " + pfs.id() + " row");
                        }
                        for (String field : List.of("globalDays", "workRvu", "nonFacilityRvu", "mueUnits", "addOnTo")) {
                            if (!c.values(field).isEmpty()) {
                                mismatch(code, field, "retired code carries a CMS fact");
                            }
                        }
                        continue;
                    }
                    if (row == null) {
                        mismatch(code, "pfs", "active in this version but " + pfs.id() + " has no base row");
                        continue;
                    }
                    checked++;
                    decimal(code, "workRvu", c.decimal("workRvu"), row.get("work_rvu"));
                    decimal(code, "nonFacilityRvu", c.decimal("nonFacilityRvu"), row.get("non_facility_total"));
                    decimal(code, "facilityRvu", c.decimal("facilityRvu"), row.get("facility_total"));
                    same(code, "globalDays", c.strings("globalDays"), row.get("glob_days"));
                    same(code, "multipleProcedure", c.strings("multipleProcedure"), row.get("mult_proc"));
                    same(code, "pctc", c.strings("pctc"), row.get("pctc_ind"));
                    same(code, "pfsStatus", c.strings("pfsStatus"), row.get("status_code"));
                    same(code, "pfsRelease", c.strings("pfsRelease"), pfs.id());
                    same(code, "kind", kind, "ZZZ".equals(row.get("glob_days")) ? "add-on" : "code");
                    Optional<Ncci> judge = covering(ncci, c.code(), null, lastDay);
                    List<String> mue = judge.map(n -> n.mue().get(c.code())).orElse(null);
                    if (mue == null) {
                        assertThat(c.values("mueUnits")).as(code + " mueUnits").isEmpty();
                    } else {
                        same(code, "mueUnits", c.strings("mueUnits"), mue.get(0));
                        same(code, "mueAdjudication", c.strings("mueAdjudication"), mue.get(1));
                    }
                    Set<String> primaries = kind.contains("add-on")
                            ? judge.map(n -> n.addOns().getOrDefault(c.code(), Set.of())).orElse(Set.of()) : Set.of();
                    if (!new TreeSet<>(c.strings("addOnTo")).equals(primaries)
                            || c.strings("addOnTo").size() != primaries.size()) {
                        mismatch(code, "addOnTo", "terminology " + c.strings("addOnTo") + ", CMS " + primaries);
                    }
                    judge.ifPresent(n -> same(code, "ncciRelease", c.strings("ncciRelease"), n.source().id()));
                }
            }
        }
        assertThat(checked).as("active hosted codes checked over all versions").isGreaterThan(120);
        assertNoMismatches();
    }

    @Test
    void everyCodeOfTheListIsHostedInEveryVersionItHasAFeeScheduleRowIn() throws IOException {
        requireReference();
        List<Source> ncci = sources("ncci");
        Set<String> list = ncci(ncci.get(ncci.size() - 1)).coverage();
        assertThat(list).as("codes of the list").hasSizeGreaterThan(200);
        for (Source pfs : sources("pfs")) {
            Map<String, Map<String, String>> rows = pfsBaseRows(pfs);
            for (String code : list) {
                String system = Character.isDigit(code.charAt(0)) ? SystemUrls.CPT : SystemUrls.HCPCS;
                Optional<Concept> concept = TestTerminology.REPOSITORY.codeSystem(system, pfs.year()).orElseThrow()
                        .find(code);
                if (concept.isEmpty()) {
                    mismatch(pfs.year() + " " + code, "hosted", "a code of the list is not in version " + pfs.year());
                } else if (rows.containsKey(code) == concept.get().isInactive()) {
                    mismatch(pfs.year() + " " + code, "status", "retired " + concept.get().isInactive() + " but "
                            + pfs.id() + (rows.containsKey(code) ? " has a row" : " has no row"));
                }
            }
        }
        assertNoMismatches();
    }

    @Test
    void icdVersionsAreTheFiscalYearFiles() throws IOException {
        requireReference();
        for (Source fy : sources("icd")) {
            CodeSystemIndex index = TestTerminology.REPOSITORY.codeSystem(SystemUrls.ICD10CM, fy.year()).orElseThrow(
                    () -> new AssertionError("ICD-10-CM has no version " + fy.year()));
            Set<String> codes = new TreeSet<>();
            for (Map<String, String> row : readCsv(ICD.resolve(fy.folder()))) {
                String code = row.get("code");
                codes.add(code);
                boolean billable = "true".equals(row.get("billable"));
                Concept c = index.find(code).orElse(null);
                if (c == null) {
                    mismatch(fy.id() + " " + code, "code", "missing from version " + fy.year());
                    continue;
                }
                if (c.isAbstract() == billable) {
                    mismatch(fy.id() + " " + code, "notSelectable", "billable " + billable + " but abstract " + c.isAbstract());
                }
                if (!c.display().equals(row.get("long_title"))) {
                    mismatch(fy.id() + " " + code, "display", c.display() + " vs CMS " + row.get("long_title"));
                }
                IcdStatus status = TestTerminology.KNOWLEDGE.icd(code, fy.from());
                if (status != (billable ? IcdStatus.BILLABLE : IcdStatus.HEADER)) {
                    mismatch(fy.id() + " " + code, "knowledge", "icd(" + fy.from() + ") = " + status);
                }
            }
            Set<String> hosted = new TreeSet<>();
            index.concepts().forEach(c -> hosted.add(c.code()));
            assertThat(hosted).as("codes of ICD-10-CM version " + fy.year()).isEqualTo(codes);
        }
        assertNoMismatches();
    }

    // ------------------------------------------------------------------ the knowledge component on dates

    @Test
    void knowledgeAnswersEachDateFromTheReleaseInForce() throws IOException {
        requireReference();
        List<Ncci> ncci = new ArrayList<>();
        for (Source source : sources("ncci")) {
            ncci.add(ncci(source));
        }
        List<Source> pfs = sources("pfs");
        Map<String, Map<String, Map<String, String>>> pfsRows = new HashMap<>();
        for (Source source : pfs) {
            pfsRows.put(source.id(), pfsRows(source));
        }
        Set<String> codes = new TreeSet<>(ncci.get(ncci.size() - 1).coverage());
        List<LocalDate> days = new ArrayList<>();
        for (Source source : pfs) {
            days.add(source.from());
            days.add(source.from().minusDays(1));
        }
        for (Ncci n : ncci) {
            days.add(n.source().from());
            days.add(n.source().from().minusDays(1));
        }
        days.add(LocalDate.parse("2027-02-01"));
        for (LocalDate day : days) {
            Source inForce = pfs.get(0);
            for (Source source : pfs) {
                if (!source.from().isAfter(day)) {
                    inForce = source;
                }
            }
            for (String code : codes) {
                CmsFacts facts = TestTerminology.KNOWLEDGE.facts(code, day);
                String where = day + " " + code;
                same(where, "pfsRelease", List.of(facts.pfsRelease().id()), inForce.id());
                Map<String, String> row = pfsRows.get(inForce.id()).get(rowKey(code, ""));
                if (row == null) {
                    if (facts.fees() != null) {
                        mismatch(where, "fees", "a row although " + inForce.id() + " has none");
                    }
                } else if (facts.fees() == null) {
                    mismatch(where, "fees", "none although " + inForce.id() + " has a row");
                } else {
                    decimal(where, "workRvu", facts.fees().workRvu(), row.get("work_rvu"));
                    same(where, "globalDays", List.of(facts.fees().globalDays()), row.get("glob_days"));
                }
                for (String modifier : List.of("26", "TC")) {
                    Map<String, String> component = pfsRows.get(inForce.id()).get(rowKey(code, modifier));
                    var got = TestTerminology.KNOWLEDGE.fees(code, modifier, day);
                    if (component == null) {
                        if (got.isPresent()) {
                            mismatch(where + "-" + modifier, "fees", "a component row although " + inForce.id() + " has none");
                        }
                    } else if (got.isEmpty()) {
                        mismatch(where + "-" + modifier, "fees", "no component row although " + inForce.id() + " has one");
                    } else {
                        decimal(where + "-" + modifier, "nonFacilityRvu", got.get().nonFacilityRvu(),
                                component.get("non_facility_total"));
                        decimal(where + "-" + modifier, "facilityRvu", got.get().facilityRvu(), component.get("facility_total"));
                        same(where + "-" + modifier, "mult_proc", List.of(got.get().multipleProcedure()),
                                component.get("mult_proc"));
                    }
                }
                Optional<Ncci> judge = covering(ncci, code, null, day);
                List<String> mue = judge.map(n -> n.mue().get(code)).orElse(null);
                String actual = facts.mue() == null ? null : facts.mue().units() + "/" + facts.mue().adjudication() + "/"
                        + facts.mue().release().id();
                String expected = mue == null ? null : mue.get(0) + "/" + mue.get(1) + "/" + judge.get().source().id();
                if (!java.util.Objects.equals(actual, expected)) {
                    mismatch(where, "mue", actual + " vs " + expected);
                }
                Set<String> primaries = judge.map(n -> n.addOns().getOrDefault(code, Set.of())).orElse(Set.of());
                if (!new TreeSet<>(facts.addOnPrimaries()).equals(primaries)) {
                    mismatch(where, "addOnPrimaries", facts.addOnPrimaries() + " vs " + primaries);
                }
            }
            // every pair of every release, asked on this day, answers from the release that covers it
            Set<String> pairs = new TreeSet<>();
            ncci.forEach(n -> pairs.addAll(n.pairs().keySet()));
            for (String pair : pairs) {
                String[] ab = pair.split("/");
                Optional<Ncci> judge = covering(ncci, ab[0], ab[1], day);
                List<String> want = judge.map(n -> n.pairs().get(pair)).orElse(null);
                Optional<PtpPair> got = TestTerminology.KNOWLEDGE.ptp(ab[1], ab[0], day);
                if (want == null) {
                    // the covering release may have the pair the other way round
                    String reverse = ab[1] + "/" + ab[0];
                    List<String> reversed = judge.map(n -> n.pairs().get(reverse)).orElse(null);
                    if (reversed == null && got.isPresent()) {
                        mismatch(day + " " + pair, "ptp", "found " + got.get() + " but the covering release has none");
                    }
                    continue;
                }
                if (got.isEmpty() || !got.get().column1().equals(ab[0]) || !got.get().column2().equals(ab[1])
                        || got.get().modifierIndicator() != Integer.parseInt(want.get(0))
                        || !got.get().orientation().equals(want.get(1))
                        || !got.get().release().id().equals(judge.get().source().id())) {
                    mismatch(day + " " + pair, "ptp", got + " vs " + want + " of " + judge.get().source().id());
                }
            }
        }
        assertNoMismatches();
    }

    // ------------------------------------------------------------------ helpers

    /** The README's coverage rule: the release in force (the earliest before the first), else the next covering one. */
    private static Optional<Ncci> covering(List<Ncci> ncci, String a, String b, LocalDate day) {
        int start = 0;
        for (int i = 0; i < ncci.size(); i++) {
            if (!ncci.get(i).source().from().isAfter(day)) {
                start = i;
            }
        }
        for (int i = start; i < ncci.size(); i++) {
            Set<String> coverage = ncci.get(i).coverage();
            if (coverage.contains(a) || (b != null && coverage.contains(b))) {
                return Optional.of(ncci.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<Source> sources(String kind) throws IOException {
        List<Source> result = new ArrayList<>();
        for (Map<String, String> row : readCsv(RELEASES)) {
            if (row.get("kind").equals(kind)) {
                result.add(new Source(row.get("folder"), kind, row.get("release"), row.get("period"),
                        LocalDate.parse(row.get("effective_from"))));
            }
        }
        result.sort(java.util.Comparator.comparing(Source::from));
        assertThat(result).as(kind + " releases in " + RELEASES).isNotEmpty();
        return result;
    }

    /** "88305" for a base row, "88305-26" for a component row. */
    private static String rowKey(String code, String modifier) {
        return modifier == null || modifier.isBlank() ? code.strip() : code.strip() + "-" + modifier.strip();
    }

    /** Every row of a release's fee schedule (base, 26 and TC), by {@link #rowKey}. */
    private static Map<String, Map<String, String>> pfsRows(Source pfs) throws IOException {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Map<String, String> row : readCsv(CMS.resolve(pfs.folder()).resolve("pfs-rvu.csv"))) {
            Map<String, String> previous = result.put(rowKey(row.get("hcpcs"), row.get("mod")), row);
            assertThat(previous).as("second PFS row for " + row.get("hcpcs") + " " + row.get("mod")).isNull();
        }
        return result;
    }

    private static Map<String, Map<String, String>> pfsBaseRows(Source pfs) throws IOException {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Map<String, String> row : readCsv(CMS.resolve(pfs.folder()).resolve("pfs-rvu.csv"))) {
            if (row.get("mod").strip().isEmpty()) {
                Map<String, String> previous = result.put(row.get("hcpcs").strip(), row);
                assertThat(previous).as("second base PFS row for " + row.get("hcpcs")).isNull();
            }
        }
        return result;
    }

    private static Ncci ncci(Source source) throws IOException {
        Path folder = CMS.resolve(source.folder());
        Set<String> coverage = new TreeSet<>();
        readCsv(folder.resolve("coverage.csv")).forEach(r -> coverage.add(r.get("hcpcs").strip()));
        Map<String, List<String>> mue = new HashMap<>();
        readCsv(folder.resolve("mue.csv")).forEach(r -> mue.put(r.get("hcpcs_code").strip(),
                List.of(r.get("mue_units").strip(), r.get("mue_mai").strip())));
        Map<String, Set<String>> addOns = new HashMap<>();
        for (Map<String, String> r : readCsv(folder.resolve("aoc.csv"))) {
            if ("1".equals(r.get("aoc_edit_type").strip())) {
                addOns.computeIfAbsent(r.get("add_on_code").strip(), k -> new TreeSet<>()).add(r.get("primary_code").strip());
            }
        }
        Map<String, List<String>> pairs = new HashMap<>();
        for (Map<String, String> r : readCsv(folder.resolve("ptp.csv"))) {
            String deleted = r.getOrDefault("deletion_date", "").strip();
            String indicator = r.get("modifier_indicator").strip();
            if ((deleted.isEmpty() || deleted.equals("9999-12-31")) && (indicator.equals("0") || indicator.equals("1"))) {
                String orientation = r.getOrDefault("orientation_source", "").strip();
                pairs.put(r.get("column1_comprehensive").strip() + "/" + r.get("column2_component").strip(),
                        List.of(indicator, orientation.isEmpty() ? "cms" : orientation, r.get("rationale").strip()));
            }
        }
        return new Ncci(source, coverage, mue, addOns, pairs);
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
        assertThat(mismatches).as("terminology/ and rules/ disagree with " + REFERENCE + " (regenerate with "
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
