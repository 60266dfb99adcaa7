package org.dermcode.knowledge;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that knows the CMS and ICD-10-CM releases and what is in force on a date. Read once
 * from the generated tables in {@code rules/} ({@code releases.csv}, {@code pfs-<release>.csv},
 * {@code ncci-<release>-{ptp,mue,aoc,coverage}.csv}, {@code icd-10-cm.csv}, {@code pfs-status.csv});
 * every answer is a map look-up on data indexed at load time.
 *
 * <p>A release is in force from its effective date until the next release of its kind (fee
 * schedule: the calendar year; NCCI: the quarter; ICD-10-CM: the fiscal year from 1 October). Before
 * the first release held, the earliest one is used; after the last, the last. An NCCI release judges
 * only the codes of its coverage list: a pair of two codes outside it, or the MUE or add-on edit of
 * a code outside it, is judged by the next release that covers it.
 */
public final class Knowledge {

    public static final String RELEASES = "releases.csv";
    public static final String ICD = "icd-10-cm.csv";
    public static final String ICD_SITES = "icd-body-sites.csv";
    public static final String PFS_STATUS = "pfs-status.csv";

    /** The body site an ICD-10-CM code names, with the procedure site groups that treat it. */
    private record BodySite(String site, Set<String> siteGroups) {}

    /** The rows of one fee-schedule release: the base row of each code, and the 26 and TC rows of split codes. */
    private record FeeSchedule(Map<String, FeeScheduleRow> base, Map<String, FeeScheduleRow> professional,
            Map<String, FeeScheduleRow> technical) {}

    /** The NCCI tables of one release. */
    private record Ncci(Release release, Set<String> coverage, Map<String, Mue> mue, Map<String, List<String>> addOns,
            Map<String, Map<String, PtpPair>> pairs) {

        PtpPair pair(String a, String b) {
            Map<String, PtpPair> row = pairs.get(a);
            return row == null ? null : row.get(b);
        }
    }

    private final List<Release> pfs = new ArrayList<>();
    private final List<Release> ncci = new ArrayList<>();
    private final List<Release> icd = new ArrayList<>();
    private final Map<String, FeeSchedule> fees = new HashMap<>();
    private final Map<String, PfsStatus> statuses = new HashMap<>();
    private final List<Ncci> edits = new ArrayList<>();
    /** The days on which a fee schedule or an NCCI release takes effect, ascending. */
    private final LocalDate[] changeDates;
    /** Per code: its facts in each period between two change dates. */
    private final Map<String, CmsFacts[]> facts = new HashMap<>();
    /** Per period: the facts of a code no release lists (only the fee-schedule release). */
    private final CmsFacts[] noFacts;
    private final Map<String, IcdStatus[]> icdStatus = new HashMap<>();
    private final Map<String, List<String>> icdChildren = new HashMap<>();
    private final Map<String, BodySite> icdSites = new HashMap<>();

    private Knowledge(Path dir) {
        CsvTable releases = CsvTable.read(dir.resolve(RELEASES), "release", "kind", "period", "effective_from");
        for (int i = 0; i < releases.rows().size(); i++) {
            String[] row = releases.rows().get(i);
            Release.Kind kind;
            LocalDate from;
            try {
                kind = Release.Kind.valueOf(row[1].strip().toUpperCase(java.util.Locale.ROOT));
                from = LocalDate.parse(row[3].strip());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw releases.error(i, "unknown kind or bad effective_from: " + String.join(",", row));
            }
            Release release = new Release(row[0].strip(), kind, row[2].strip(), from);
            (kind == Release.Kind.PFS ? pfs : kind == Release.Kind.NCCI ? ncci : icd).add(release);
        }
        for (List<Release> list : List.of(pfs, ncci, icd)) {
            list.sort((x, y) -> x.effectiveFrom().compareTo(y.effectiveFrom()));
        }
        if (pfs.isEmpty() || ncci.isEmpty() || icd.isEmpty()) {
            throw new KnowledgeLoadException(dir.resolve(RELEASES) + ": needs at least one pfs, ncci and icd release");
        }
        loadStatuses(dir);
        for (Release release : pfs) {
            fees.put(release.id(), loadFees(dir, release));
        }
        for (Release release : ncci) {
            edits.add(loadNcci(dir, release));
        }
        loadIcd(dir);
        loadIcdSites(dir);

        TreeSet<LocalDate> dates = new TreeSet<>();
        pfs.forEach(r -> dates.add(r.effectiveFrom()));
        ncci.forEach(r -> dates.add(r.effectiveFrom()));
        changeDates = dates.toArray(new LocalDate[0]);
        noFacts = new CmsFacts[changeDates.length];
        for (int p = 0; p < noFacts.length; p++) {
            noFacts[p] = new CmsFacts(null, pfsRelease(changeDates[p]), null, null, null, null, null, List.of());
        }
        Set<String> codes = new HashSet<>();
        fees.values().forEach(m -> codes.addAll(m.base().keySet()));
        for (Ncci n : edits) {
            codes.addAll(n.coverage());
            codes.addAll(n.mue().keySet());
            codes.addAll(n.addOns().keySet());
        }
        for (String code : codes) {
            CmsFacts[] periods = new CmsFacts[changeDates.length];
            for (int p = 0; p < periods.length; p++) {
                periods[p] = compute(code, changeDates[p]);
                if (p > 0 && periods[p].equals(periods[p - 1])) {
                    periods[p] = periods[p - 1]; // one instance while nothing changes
                }
            }
            facts.put(code, periods);
        }
    }

    /** Reads every release table of a {@code rules/} folder; a missing or broken file stops with its name. */
    public static Knowledge load(Path rulesDir) {
        return new Knowledge(rulesDir);
    }

    // ------------------------------------------------------------------ releases

    /** Every release held, fee schedules first, then NCCI, then ICD-10-CM, each oldest first. */
    public List<Release> releases() {
        List<Release> all = new ArrayList<>(pfs);
        all.addAll(ncci);
        all.addAll(icd);
        return Collections.unmodifiableList(all);
    }

    public List<Release> releases(Release.Kind kind) {
        return Collections.unmodifiableList(kind == Release.Kind.PFS ? pfs : kind == Release.Kind.NCCI ? ncci : icd);
    }

    /** The fee schedule in force on a date (null: the newest). */
    public Release pfsRelease(LocalDate date) {
        return inForce(pfs, date);
    }

    /** The NCCI release in force on a date (null: the newest), before the coverage rule. */
    public Release ncciRelease(LocalDate date) {
        return inForce(ncci, date);
    }

    /** The NCCI release that judges a code's MUE and add-on edit on a date (coverage rule); empty if none covers it. */
    public Optional<Release> ncciRelease(String code, LocalDate date) {
        Ncci n = covering(date, code, null);
        return Optional.ofNullable(n == null ? null : n.release());
    }

    /** The ICD-10-CM fiscal year in force on a date (null: the newest); a fiscal year starts on 1 October. */
    public Release icdFiscalYear(LocalDate date) {
        return inForce(icd, date);
    }

    /** The fee-schedule release of a CodeSystem version (the calendar year, "2026"), if held. */
    public Optional<Release> pfsReleaseOfYear(String year) {
        return pfs.stream().filter(r -> r.year().equals(year)).findFirst();
    }

    // ------------------------------------------------------------------ facts on a date

    /**
     * The CMS facts of a code in force on a date (null: the newest facts). The same instance for every
     * day of a period between two {@link #changeDates()}; {@code code} is null for a code no release lists.
     */
    public CmsFacts facts(String code, LocalDate date) {
        CmsFacts[] periods = code == null ? null : facts.get(code);
        return periods == null ? noFacts[period(date)] : periods[period(date)];
    }

    /**
     * The dates on which some code's facts may change (a fee schedule or an NCCI release takes effect),
     * ascending: facts are the same on every day from one of them to the next.
     */
    public List<LocalDate> changeDates() {
        return List.of(changeDates);
    }

    /** The MUE of a code on a date, from the release that covers it. */
    public Optional<Mue> mue(String code, LocalDate date) {
        return Optional.ofNullable(facts(code, date).mue());
    }

    /** The eligible primaries of an add-on code on a date (type-1 add-on edits); empty if it has none. */
    public List<String> addOnPrimaries(String code, LocalDate date) {
        return facts(code, date).addOnPrimaries();
    }

    /** The fee-schedule row of a code on a date; empty when that year's fee schedule has none. */
    public Optional<FeeScheduleRow> fees(String code, LocalDate date) {
        return Optional.ofNullable(facts(code, date).fees());
    }

    /**
     * The 26 or TC component row of a code with a professional/technical split on a date; empty for
     * another modifier, or when that year's fee schedule has no such row.
     */
    public Optional<FeeScheduleRow> fees(String code, String modifier, LocalDate date) {
        return Optional.ofNullable(facts(code, date).component(modifier));
    }

    /** What a PFS status indicator means (every status of the fee schedules held is listed); empty for another one. */
    public Optional<PfsStatus> pfsStatus(String status) {
        return Optional.ofNullable(status == null ? null : statuses.get(status));
    }

    /**
     * The active NCCI procedure-to-procedure edit between two codes on a date, whichever is column 1,
     * from the release that covers the pair; empty when there is none.
     */
    public Optional<PtpPair> ptp(String a, String b, LocalDate date) {
        if (a == null || b == null) {
            return Optional.empty();
        }
        Ncci n = covering(date, a, b);
        return Optional.ofNullable(n == null ? null : n.pair(a, b));
    }

    // ------------------------------------------------------------------ ICD-10-CM

    /** What an ICD-10-CM code (with the dot) is in the fiscal year in force on a date (null: the newest). */
    public IcdStatus icd(String code, LocalDate date) {
        IcdStatus[] years = code == null ? null : icdStatus.get(code);
        return years == null ? IcdStatus.ABSENT : years[icd.indexOf(icdFiscalYear(date))];
    }

    /** True when some fiscal year held has the code. */
    public boolean icdKnown(String code) {
        return code != null && icdStatus.containsKey(code);
    }

    /**
     * The body site an ICD-10-CM code names (lip, eyelid, ear, face, scalp-neck, trunk, upper-limb,
     * lower-limb); empty for a code without one (D48.5, L57.0) or with overlapping or unspecified sites.
     */
    public Optional<String> icdBodySite(String code) {
        BodySite site = code == null ? null : icdSites.get(code);
        return Optional.ofNullable(site == null ? null : site.site());
    }

    /** Whether a procedure of a site group can treat the body site an ICD-10-CM code names (true without a site). */
    public boolean siteGroupTreats(String siteGroup, String icdCode) {
        BodySite site = icdCode == null ? null : icdSites.get(icdCode);
        return site == null || site.siteGroups().contains(siteGroup);
    }

    /** The codes one level below an ICD-10-CM header in the fiscal year in force on a date. */
    public List<String> icdChildren(String code, LocalDate date) {
        List<String> all = icdChildren.getOrDefault(code, List.of());
        int year = icd.indexOf(icdFiscalYear(date));
        List<String> result = new ArrayList<>();
        for (String child : all) {
            if (icdStatus.get(child)[year] != IcdStatus.ABSENT) {
                result.add(child);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ internals

    private static Release inForce(List<Release> releases, LocalDate date) {
        if (date == null) {
            return releases.get(releases.size() - 1);
        }
        Release chosen = releases.get(0);
        for (Release release : releases) {
            if (!release.effectiveFrom().isAfter(date)) {
                chosen = release;
            }
        }
        return chosen;
    }

    private int period(LocalDate date) {
        if (date == null) {
            return changeDates.length - 1;
        }
        int found = Arrays.binarySearch(changeDates, date);
        int index = found >= 0 ? found : -found - 2;
        return Math.max(0, index);
    }

    /** The NCCI release in force on the date, or the next one, that covers one of the codes. */
    private Ncci covering(LocalDate date, String a, String b) {
        int start = edits.size() - 1;
        if (date != null) {
            start = 0;
            for (int i = 0; i < edits.size(); i++) {
                if (!edits.get(i).release().effectiveFrom().isAfter(date)) {
                    start = i;
                }
            }
        }
        for (int i = start; i < edits.size(); i++) {
            Ncci n = edits.get(i);
            if (n.coverage().contains(a) || (b != null && n.coverage().contains(b))) {
                return n;
            }
        }
        return null;
    }

    private CmsFacts compute(String code, LocalDate date) {
        Release pfsRelease = pfsRelease(date);
        FeeSchedule schedule = fees.get(pfsRelease.id());
        FeeScheduleRow row = schedule.base().get(code);
        FeeScheduleRow professional = schedule.professional().get(code);
        FeeScheduleRow technical = schedule.technical().get(code);
        Ncci n = covering(date, code, null);
        if (n == null) {
            return new CmsFacts(code, pfsRelease, row, professional, technical, null, null, List.of());
        }
        return new CmsFacts(code, pfsRelease, row, professional, technical, n.release(), n.mue().get(code),
                n.addOns().getOrDefault(code, List.of()));
    }

    private void loadStatuses(Path dir) {
        CsvTable table = CsvTable.read(dir.resolve(PFS_STATUS), "status", "medicare_pays", "meaning");
        for (int i = 0; i < table.rows().size(); i++) {
            String[] c = table.rows().get(i);
            if (!c[1].equals("true") && !c[1].equals("false") || c[2].isBlank()) {
                throw table.error(i, "needs medicare_pays true or false and a meaning");
            }
            statuses.put(c[0], new PfsStatus(c[0], Boolean.parseBoolean(c[1]), c[2]));
        }
    }

    /** A fee-schedule release's rows; every status must be one of pfs-status.csv, every 26/TC row needs its base row. */
    private FeeSchedule loadFees(Path dir, Release release) {
        CsvTable table = CsvTable.read(dir.resolve("pfs-" + release.id() + ".csv"), "code", "modifier", "status",
                "global_days", "work_rvu", "non_facility_total", "facility_total", "pctc", "mult_proc", "bilat_surg",
                "asst_surg", "co_surg", "team_surg", "conv_factor");
        Map<String, FeeScheduleRow> base = new HashMap<>();
        Map<String, FeeScheduleRow> professional = new HashMap<>();
        Map<String, FeeScheduleRow> technical = new HashMap<>();
        for (int i = 0; i < table.rows().size(); i++) {
            String[] c = table.rows().get(i);
            FeeScheduleRow row;
            try {
                row = new FeeScheduleRow(c[0], c[1], c[2], c[3], new BigDecimal(c[4]), new BigDecimal(c[5]),
                        new BigDecimal(c[6]), c[7], c[8], c[9], c[10], c[11], c[12], new BigDecimal(c[13]));
            } catch (NumberFormatException e) {
                throw table.error(i, "an RVU or the conversion factor is not a number");
            }
            if (!statuses.containsKey(row.status())) {
                throw table.error(i, "PFS status " + row.status() + " is not listed in " + PFS_STATUS);
            }
            Map<String, FeeScheduleRow> into = switch (row.modifier()) {
                case "" -> base;
                case FeeScheduleRow.PROFESSIONAL -> professional;
                case FeeScheduleRow.TECHNICAL -> technical;
                default -> throw table.error(i, "modifier must be empty, 26 or TC, not '" + row.modifier() + "'");
            };
            if (into.put(row.code(), row) != null) {
                throw table.error(i, "a second row for " + row.code() + (row.modifier().isEmpty() ? "" : "-" + row.modifier()));
            }
        }
        for (String code : professional.keySet()) {
            if (!base.containsKey(code)) {
                throw new KnowledgeLoadException(dir.resolve("pfs-" + release.id() + ".csv") + ": " + code
                        + "-26 has no base row");
            }
        }
        for (String code : technical.keySet()) {
            if (!base.containsKey(code)) {
                throw new KnowledgeLoadException(dir.resolve("pfs-" + release.id() + ".csv") + ": " + code
                        + "-TC has no base row");
            }
        }
        return new FeeSchedule(base, professional, technical);
    }

    private static Ncci loadNcci(Path dir, Release release) {
        String prefix = "ncci-" + release.id() + "-";
        Set<String> coverage = new HashSet<>();
        for (String[] c : CsvTable.read(dir.resolve(prefix + "coverage.csv"), "code").rows()) {
            coverage.add(c[0]);
        }
        Map<String, Mue> mue = new HashMap<>();
        CsvTable mues = CsvTable.read(dir.resolve(prefix + "mue.csv"), "code", "mue_units", "mue_mai");
        for (int i = 0; i < mues.rows().size(); i++) {
            String[] c = mues.rows().get(i);
            try {
                mue.put(c[0], new Mue(c[0], Integer.parseInt(c[1]), c[2], release));
            } catch (NumberFormatException e) {
                throw mues.error(i, "mue_units is not a number");
            }
        }
        Map<String, List<String>> addOns = new HashMap<>();
        for (String[] c : CsvTable.read(dir.resolve(prefix + "aoc.csv"), "add_on", "primary").rows()) {
            addOns.computeIfAbsent(c[0], k -> new ArrayList<>()).add(c[1]);
        }
        addOns.replaceAll((k, v) -> List.copyOf(v));
        Map<String, Map<String, PtpPair>> pairs = new HashMap<>();
        CsvTable ptp = CsvTable.read(dir.resolve(prefix + "ptp.csv"), "column1", "column2", "modifier_indicator",
                "orientation", "rationale");
        for (int i = 0; i < ptp.rows().size(); i++) {
            String[] c = ptp.rows().get(i);
            PtpPair pair;
            try {
                pair = new PtpPair(c[0], c[1], Integer.parseInt(c[2]), c[3], c[4], release);
            } catch (NumberFormatException e) {
                throw ptp.error(i, "modifier_indicator is not a number");
            }
            pairs.computeIfAbsent(c[0], k -> new HashMap<>()).put(c[1], pair);
            pairs.computeIfAbsent(c[1], k -> new HashMap<>()).put(c[0], pair);
        }
        return new Ncci(release, coverage, mue, addOns, pairs);
    }

    private void loadIcd(Path dir) {
        String[] header = new String[2 + icd.size()];
        header[0] = "code";
        header[1] = "parent";
        for (int i = 0; i < icd.size(); i++) {
            header[2 + i] = icd.get(i).id();
        }
        CsvTable table = CsvTable.read(dir.resolve(ICD), header);
        for (int i = 0; i < table.rows().size(); i++) {
            String[] c = table.rows().get(i);
            IcdStatus[] years = new IcdStatus[icd.size()];
            for (int y = 0; y < years.length; y++) {
                years[y] = switch (c[2 + y]) {
                    case "billable" -> IcdStatus.BILLABLE;
                    case "header" -> IcdStatus.HEADER;
                    case "" -> IcdStatus.ABSENT;
                    default -> throw table.error(i, "expected billable, header or nothing, not '" + c[2 + y] + "'");
                };
            }
            icdStatus.put(c[0], years);
            if (!c[1].isEmpty()) {
                icdChildren.computeIfAbsent(c[1], k -> new ArrayList<>()).add(c[0]);
            }
        }
    }

    private void loadIcdSites(Path dir) {
        CsvTable table = CsvTable.read(dir.resolve(ICD_SITES), "code", "body_site", "site_groups");
        for (int i = 0; i < table.rows().size(); i++) {
            String[] c = table.rows().get(i);
            if (c[1].isBlank() || c[2].isBlank()) {
                throw table.error(i, "needs a body site and its site groups");
            }
            icdSites.put(c[0], new BodySite(c[1], Set.of(c[2].strip().split(" +"))));
        }
    }
}
