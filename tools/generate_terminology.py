#!/usr/bin/env python3
"""Generate terminology/ and rules/ from tools/terminology-source/ and the CMS and ICD-10-CM releases.

Usage: python3 tools/generate_terminology.py [REFERENCE_DIR]

REFERENCE_DIR defaults to ../shared/reference relative to the repository root; it holds
cms-releases/<folder>/ (one folder per fee-schedule or NCCI release) and icd-10-cm/ (one file per
fiscal year). tools/terminology-source/releases.csv lists the releases: adding a release is adding
its folder (or file) and a row there, then running this step again.
Every number (RVUs, global days, indicators, MUE, add-on primaries, PTP pairs) is read from the CMS
files; the ICD-10-CM codes, titles and headers from the fiscal-year files; the source tables hold
only our own wording, categories, sites, sizes and the hand-chosen facts.
Python 3 standard library only. Output is deterministic.
"""
import csv
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tools", "terminology-source")
OUT_TERM = os.path.join(ROOT, "terminology")
OUT_RULES = os.path.join(ROOT, "rules")
# the PC/TC component rows of the fee schedule that rules/pfs-<release>.csv carries beside the base row
PFS_COMPONENTS = ("26", "TC")

DATE = "2024-07-01"
PUBLISHER = "DermCode"
OWN_VERSION = "1.0.0"
BASE = "http://dermcode.org/fhir"
AMA_COPYRIGHT = ("CPT copyright 2023 American Medical Association. All rights reserved. "
                 "CPT is a registered trademark of the American Medical Association.")

SYSTEMS = {
    "cpt": "http://www.ama-assn.org/go/cpt",
    "hcpcs": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
    "icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm",
}
CLAIM_RULE_URL = BASE + "/CodeSystem/claim-rule"
POS_URL = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set.html"

SYNONYM = {"system": "http://snomed.info/sct", "code": "900000000000013009", "display": "Synonym"}
SHORT_TITLE = SYNONYM
HL7 = "http://hl7.org/fhir/concept-properties#"
OWN = BASE + "/concept-property#"
# (code, uri, type, description) in the order of docs/terminology-model.md
PROPERTIES = [
    ("status", HL7 + "status", "code", "active or retired"),
    ("inactive", HL7 + "inactive", "boolean", "true for retired codes"),
    ("effectiveDate", HL7 + "effectiveDate", "dateTime", "First date of service the code is valid"),
    ("retirementDate", HL7 + "retirementDate", "dateTime", "First date of service the code is no longer valid"),
    ("notSelectable", HL7 + "notSelectable", "boolean", "Abstract category, not a billable code"),
    ("parent", HL7 + "parent", "code", "Parent concept"),
    ("category", OWN + "category", "code", "The category concept's code"),
    ("kind", OWN + "kind", "code", "code, add-on, modifier or category"),
    ("globalDays", OWN + "globalDays", "string", "PFS global period: 000, 010, 090, XXX, ZZZ"),
    ("addOnTo", OWN + "addOnTo", "code", "Eligible primary code (NCCI add-on edit, type 1); repeats"),
    ("multipleProcedure", OWN + "multipleProcedure", "code", "PFS multiple-procedure indicator (0, 2, 9)"),
    ("pctc", OWN + "pctc", "code", "PFS professional/technical component indicator (0, 1, 5, 9)"),
    ("pfsStatus", OWN + "pfsStatus", "code", "PFS status code (A, E)"),
    ("mueUnits", OWN + "mueUnits", "integer", "Practitioner MUE: maximum units per date of service"),
    ("mueAdjudication", OWN + "mueAdjudication", "code", "MUE adjudication indicator (2 policy, 3 clinical)"),
    ("workRvu", OWN + "workRvu", "decimal", "Work RVU"),
    ("nonFacilityRvu", OWN + "nonFacilityRvu", "decimal", "Non-facility total RVUs"),
    ("facilityRvu", OWN + "facilityRvu", "decimal", "Facility total RVUs"),
    ("pfsRelease", OWN + "pfsRelease", "code", "The fee-schedule release the CMS numbers come from (RVU26C)"),
    ("ncciRelease", OWN + "ncciRelease", "code", "The NCCI release the MUE and add-on facts come from (2026Q2)"),
    ("siteGroup", OWN + "siteGroup", "code", "Anatomic site group of a site-specific code (site-groups in docs/terminology-model.md)"),
    ("sizeMeasure", OWN + "sizeMeasure", "code", "What the size grades: lesion-diameter, repair-length, defect-area or body-area"),
    ("sizeMin", OWN + "sizeMin", "decimal", "Smallest size of the range (lesion diameter or repair length in cm, area in sq cm)"),
    ("sizeMax", OWN + "sizeMax", "decimal", "Largest size of the range; absent when open-ended"),
    ("sizeUnit", OWN + "sizeUnit", "code", "cm or cm2"),
    ("emTimeMinutes", OWN + "emTimeMinutes", "integer", "2024 total time threshold in minutes"),
    ("modifierAppliesTo", OWN + "modifierAppliesTo", "code", "em, procedure or any"),
    ("modifierRole", OWN + "modifierRole", "code", "pricing, global, bypass, bypass-x, anatomic or other"),
    ("ncciAssociated", OWN + "ncciAssociated", "boolean", "The modifier bypasses an indicator-1 PTP edit"),
    ("biopsyRank", OWN + "biopsyRank", "integer", "Primary biopsy hierarchy: 11102 = 1, 11104 = 2, 11106 = 3"),
    ("biopsyAddOn", OWN + "biopsyAddOn", "code", "The add-on that reports a further lesion sampled by this primary's technique"),
    ("expectedDiagnoses", OWN + "expectedDiagnoses", "code", "Id of a diagnosis-family ValueSet; repeats"),
    ("requiresProcedure", OWN + "requiresProcedure", "code", "Procedure that must be billed the same day; repeats"),
    ("descriptorAddOnTo", OWN + "descriptorAddOnTo", "code", "Primary named by the code's own descriptor (add-on-descriptors.csv), whatever the NCCI add-on file lists; repeats"),
    ("with25PayableFrom", OWN + "with25PayableFrom", "dateTime", "First date of service an add-on is payable beside a visit with modifier 25 when one of with25PayableAlongside is billed that day"),
    ("with25PayableAlongside", OWN + "with25PayableAlongside", "code", "A same-day service that lets the add-on be paid beside a visit with 25 (from with25PayableFrom); repeats"),
    ("largerCode", OWN + "largerCode", "code", "The code to bill instead when the count is above this code's range"),
    ("pfsRate", OWN + "pfsRate", "code", "Which PFS total applies at this place of service: facility or non-facility"),
    ("hospitalSetting", OWN + "hospitalSetting", "boolean", "A hospital setting, where the hospital bills the technical part"),
    ("telehealth", OWN + "telehealth", "boolean", "Telehealth place of service"),
    ("severity", OWN + "severity", "code", "Default severity: error, warning, information or varies"),
    ("issueType", OWN + "issueType", "code", "OperationOutcome issue type used for the finding"),
]
PROP_TYPE = {p[0]: p[2] for p in PROPERTIES}
PROP_ORDER = {p[0]: i for i, p in enumerate(PROPERTIES)}


class Raw:
    """A JSON number written exactly as given (keeps 6.20 as 6.20)."""

    def __init__(self, text):
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise ValueError("not a decimal: %r" % text)
        self.text = text


def fail(msg):
    sys.stderr.write("generate_terminology: " + msg + "\n")
    sys.exit(1)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def dump(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, Raw):
        return obj.text
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [pad + "  " + json.dumps(k, ensure_ascii=False) + ": " + dump(v, indent + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        items = [pad + "  " + dump(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def write_json(path, obj):
    text = dump(obj) + "\n"
    json.loads(text)  # sanity
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prop(code, value):
    t = PROP_TYPE[code]
    key = {"code": "valueCode", "boolean": "valueBoolean", "dateTime": "valueDateTime",
           "string": "valueString", "integer": "valueInteger", "decimal": "valueDecimal"}[t]
    if t == "integer":
        value = int(value)
    elif t == "decimal":
        value = Raw(value)
    return {"code": code, key: value}


def property_decls(concepts):
    used = set()

    def walk(cs):
        for c in cs:
            for p in c.get("property", []):
                used.add(p["code"])
            walk(c.get("concept", []))
    walk(concepts)
    return [{"code": c, "uri": u, "description": d, "type": t} for c, u, t, d in PROPERTIES if c in used]


def count(concepts):
    return sum(1 + count(c.get("concept", [])) for c in concepts)


def header(rtype, rid, url, version, name, title, description):
    return {
        "resourceType": rtype, "id": rid, "url": url, "version": version, "name": name, "title": title,
        "status": "active", "experimental": False, "date": DATE, "publisher": PUBLISHER,
        "description": description,
    }


# ---------------------------------------------------------------- releases
class Release:
    def __init__(self, row):
        self.folder, self.kind, self.id, self.period = row["folder"], row["kind"], row["release"], row["period"]
        self.effective = row["effective_from"]
        if self.kind not in ("pfs", "ncci", "icd"):
            fail("releases.csv: unknown kind %s" % self.kind)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.effective):
            fail("releases.csv: bad effective_from %s" % self.effective)

    @property
    def year(self):
        return re.search(r"\d{4}", self.period).group(0)


def load_releases(ref_dir):
    releases = [Release(r) for r in read_csv(os.path.join(SRC, "releases.csv"))]
    by_kind = {}
    for r in releases:
        by_kind.setdefault(r.kind, []).append(r)
    for kind, rs in by_kind.items():
        rs.sort(key=lambda r: r.effective)
        if len({r.effective for r in rs}) != len(rs):
            fail("releases.csv: two %s releases start on the same day" % kind)
    cms = os.path.join(ref_dir, "cms-releases")
    for r in by_kind.get("pfs", []):
        r.rows = {}
        r.components = {}  # (code, "26" or "TC") -> the component row of a code with a PC/TC split
        for row in read_csv(os.path.join(cms, r.folder, "pfs-rvu.csv")):
            mod = row["mod"].strip()
            if mod == "":
                if row["hcpcs"] in r.rows:
                    fail("%s: duplicate base PFS row for %s" % (r.folder, row["hcpcs"]))
                r.rows[row["hcpcs"]] = row
            elif mod in PFS_COMPONENTS:
                if (row["hcpcs"], mod) in r.components:
                    fail("%s: duplicate %s PFS row for %s" % (r.folder, mod, row["hcpcs"]))
                r.components[(row["hcpcs"], mod)] = row
            else:
                fail("%s: PFS row %s with modifier %s (only 26 and TC are read)" % (r.folder, row["hcpcs"], mod))
        for code, mod in r.components:
            if code not in r.rows:
                fail("%s: %s-%s has no base PFS row" % (r.folder, code, mod))
        statuses = {s["code"] for s in read_csv(os.path.join(SRC, "pfs-status.csv"))}
        for row in list(r.rows.values()) + list(r.components.values()):
            if row["status_code"] not in statuses:
                fail("%s: PFS status %s of %s is not in pfs-status.csv" % (r.folder, row["status_code"], row["hcpcs"]))
    for r in by_kind.get("ncci", []):
        folder = os.path.join(cms, r.folder)
        r.coverage = sorted({row["hcpcs"].strip() for row in read_csv(os.path.join(folder, "coverage.csv"))})
        r.mue = {}
        for row in read_csv(os.path.join(folder, "mue.csv")):
            r.mue[row["hcpcs_code"].strip()] = (row["mue_units"].strip(), row["mue_mai"].strip())
        r.aoc = {}
        for row in read_csv(os.path.join(folder, "aoc.csv")):
            if row["aoc_edit_type"].strip() == "1":
                r.aoc.setdefault(row["add_on_code"].strip(), set()).add(row["primary_code"].strip())
        ptp = set()
        for row in read_csv(os.path.join(folder, "ptp.csv")):
            deleted = row.get("deletion_date", "").strip()
            if deleted not in ("", "9999-12-31") or row["modifier_indicator"].strip() not in ("0", "1"):
                continue  # deleted pairs and indicator 9 are not edits
            orientation = row.get("orientation_source", "").strip() or "cms"
            ptp.add((row["column1_comprehensive"].strip(), row["column2_component"].strip(),
                     row["modifier_indicator"].strip(), orientation, row["rationale"].strip()))
        r.ptp = sorted(ptp)
    icd = os.path.join(ref_dir, "icd-10-cm")
    for r in by_kind.get("icd", []):
        r.rows = read_csv(os.path.join(icd, r.folder))
    return by_kind


def ncci_for(ncci, code, day):
    """The NCCI release that judges a code on a day: the one in force (the earliest held before the
    first), or the next one that covers the code when the one in force does not (README coverage rule).
    The Java knowledge component applies the same rule; CmsReferenceConsistencyTest compares them."""
    start = 0
    for i, r in enumerate(ncci):
        if r.effective <= day:
            start = i
    for r in ncci[start:]:
        if code in r.coverage:
            return r
    return None


def pfs_for(pfs, day):
    chosen = pfs[0]
    for r in pfs:
        if r.effective <= day:
            chosen = r
    return chosen


def write_release_tables(by_kind):
    """rules/: the releases with their dates, and per release the rows the server judges claims by."""
    os.makedirs(OUT_RULES, exist_ok=True)
    expected = {"releases.csv"}
    with open(os.path.join(OUT_RULES, "releases.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["release", "kind", "period", "effective_from"])
        for kind in ("pfs", "ncci", "icd"):
            for r in by_kind.get(kind, []):
                w.writerow([r.id, kind, r.period, r.effective])
    for r in by_kind.get("pfs", []):
        name = "pfs-%s.csv" % r.id
        expected.add(name)
        with open(os.path.join(OUT_RULES, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["code", "modifier", "status", "global_days", "work_rvu", "non_facility_total", "facility_total",
                        "pctc", "mult_proc", "bilat_surg", "asst_surg", "co_surg", "team_surg", "conv_factor"])
            for code in sorted(r.rows):
                for mod in ("",) + PFS_COMPONENTS:
                    row = r.rows[code] if mod == "" else r.components.get((code, mod))
                    if row is None:
                        continue
                    w.writerow([code, mod, row["status_code"], row["glob_days"], row["work_rvu"],
                                row["non_facility_total"], row["facility_total"], row["pctc_ind"], row["mult_proc"],
                                row["bilat_surg"], row["asst_surg"], row["co_surg"], row["team_surg"], row["conv_factor"]])
    expected.add("pfs-status.csv")
    with open(os.path.join(OUT_RULES, "pfs-status.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["status", "medicare_pays", "meaning"])
        for s in read_csv(os.path.join(SRC, "pfs-status.csv")):
            if s["medicare_pays"] not in ("true", "false") or not s["meaning"].strip():
                fail("pfs-status.csv: status %s needs medicare_pays true/false and a meaning" % s["code"])
            w.writerow([s["code"], s["medicare_pays"], s["meaning"].strip()])
    for r in by_kind.get("ncci", []):
        tables = {
            "coverage": (["code"], [[c] for c in r.coverage]),
            "mue": (["code", "mue_units", "mue_mai"], [[c, u, m] for c, (u, m) in sorted(r.mue.items())]),
            "aoc": (["add_on", "primary"], [[a, p] for a in sorted(r.aoc) for p in sorted(r.aoc[a])]),
            "ptp": (["column1", "column2", "modifier_indicator", "orientation", "rationale"], [list(x) for x in r.ptp]),
        }
        for part, (cols, rows) in tables.items():
            name = "ncci-%s-%s.csv" % (r.id, part)
            expected.add(name)
            with open(os.path.join(OUT_RULES, name), "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(cols)
                w.writerows(rows)
    icd = by_kind.get("icd", [])
    name = "icd-10-cm.csv"
    expected.add(name)
    status = {}
    parent = {}
    for i, r in enumerate(icd):
        for row in r.rows:
            status.setdefault(row["code"], [""] * len(icd))[i] = "billable" if row["billable"] == "true" else "header"
            parent[row["code"]] = row["parent"]
    with open(os.path.join(OUT_RULES, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "parent"] + [r.id for r in icd])
        for code in sorted(status, key=lambda c: c.replace(".", "")):
            w.writerow([code, parent[code]] + status[code])
    expected.add(write_icd_body_sites(status, icd))
    for f in sorted(os.listdir(OUT_RULES)):
        if f.endswith(".csv") and f not in expected:
            os.remove(os.path.join(OUT_RULES, f))
            sys.stderr.write("removed stale rules/%s\n" % f)
    return expected


def write_icd_body_sites(codes, icd):
    """rules/icd-body-sites.csv: the body site an ICD-10-CM code names (icd-sites.csv: category + 4th character,
    taken by every code under it) and the procedure site groups that can treat that site (body-sites.csv)."""
    groups = {r["code"] for r in read_csv(os.path.join(SRC, "site-groups.csv"))}
    body = {}
    for r in read_csv(os.path.join(SRC, "body-sites.csv")):
        listed = r["siteGroups"].split()
        for g in listed:
            if g not in groups:
                fail("body-sites.csv: %s: unknown site group %s (site-groups.csv)" % (r["code"], g))
        body[r["code"]] = listed
    titles = {}
    for release in icd:
        for row in release.rows:
            titles[row["code"]] = row["long_title"]
    prefixes = {}
    for r in read_csv(os.path.join(SRC, "icd-sites.csv")):
        if r["bodySite"] not in body:
            fail("icd-sites.csv: %s: unknown body site %s (body-sites.csv)" % (r["code"], r["bodySite"]))
        if r["code"] not in titles:
            fail("icd-sites.csv: %s is not an ICD-10-CM code of the reference releases" % r["code"])
        prefixes[r["code"]] = r["bodySite"]
    name = "icd-body-sites.csv"
    with open(os.path.join(OUT_RULES, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "body_site", "site_groups"])
        for code in sorted(codes, key=lambda c: c.replace(".", "")):
            site = next((s for p, s in prefixes.items() if code == p or code.startswith(p)), None)
            if site:
                w.writerow([code, site, " ".join(body[site])])
    return name


# ---------------------------------------------------------------- CPT / HCPCS
def build_procedure_systems(by_kind, version):
    """The CPT and HCPCS concepts of one version (a fee-schedule year) with that year's facts: its
    fee schedule, and the NCCI edits in force on its last day (coverage rule)."""
    pfs_all = by_kind["pfs"]
    ncci = by_kind.get("ncci", [])
    pfs = next(r for r in pfs_all if r.year == version)
    last_day = version + "-12-31"
    cats = read_csv(os.path.join(SRC, "categories.csv"))
    codes = read_csv(os.path.join(SRC, "procedure-codes.csv"))
    mods = read_csv(os.path.join(SRC, "modifiers.csv"))
    sites = {r["code"] for r in read_csv(os.path.join(SRC, "site-groups.csv"))}
    larger = {r["code"]: r["largerCode"] for r in read_csv(os.path.join(SRC, "larger-codes.csv"))}
    descriptor = {r["code"]: r["primaries"].split() for r in read_csv(os.path.join(SRC, "add-on-descriptors.csv"))}
    with25 = {r["code"]: r for r in read_csv(os.path.join(SRC, "modifier-25-exceptions.csv"))}
    out = {}
    kinds = {}
    for system in ("cpt", "hcpcs"):
        nodes = {}
        roots = []
        for c in cats:
            if c["system"] != system:
                continue
            props = [prop("status", "active"), prop("notSelectable", True)]
            if c["parent"]:
                props.append(prop("parent", c["parent"]))
            props.append(prop("kind", "category"))
            node = {"code": c["code"], "display": c["display"]}
            if c["definition"]:
                node["definition"] = c["definition"]
            node["property"] = props
            nodes[c["code"]] = node
            if c["parent"]:
                nodes[c["parent"]].setdefault("concept", []).append(node)
            else:
                roots.append(node)
        seen = set(nodes)
        for c in codes:
            if c["system"] != system:
                continue
            code = c["code"]
            if code in seen:
                fail("duplicate concept %s in %s" % (code, system))
            seen.add(code)
            row = pfs.rows.get(code)
            status, retirement = c["status"], c["retirementDate"]
            if status == "active" and row is None:
                earlier = [r for r in pfs_all if r.effective < pfs.effective and code in r.rows]
                if not earlier:
                    fail("no base-code PFS row for %s in %s" % (code, pfs.id))
                # dropped from this year's fee schedule (J7309 in 2026): retired in this version
                status, retirement = "retired", pfs.effective
            retired = status == "retired"
            p = [prop("status", status), prop("inactive", retired)]
            if c["effectiveDate"]:
                p.append(prop("effectiveDate", c["effectiveDate"]))
            if retirement:
                p.append(prop("retirementDate", retirement))
            p += [prop("parent", c["category"]), prop("category", c["category"])]
            if retired:
                if row is not None:
                    fail("retired code %s has a %s PFS row" % (code, pfs.id))
                last = [r for r in pfs_all if code in r.rows]
                kind = "add-on" if last and last[-1].rows[code]["glob_days"] == "ZZZ" else "code"
                p.append(prop("kind", kind))
            else:
                kind = "add-on" if row["glob_days"] == "ZZZ" else "code"
                p.append(prop("kind", kind))
                p.append(prop("globalDays", row["glob_days"]))
                release = ncci_for(ncci, code, last_day)
                if kind == "add-on" and release is not None:
                    for primary in sorted(release.aoc.get(code, ())):
                        p.append(prop("addOnTo", primary))
                p.append(prop("multipleProcedure", row["mult_proc"]))
                p.append(prop("pctc", row["pctc_ind"]))
                p.append(prop("pfsStatus", row["status_code"]))
                m = release.mue.get(code) if release is not None else None
                if m is not None:
                    p.append(prop("mueUnits", m[0]))
                    p.append(prop("mueAdjudication", m[1]))
                p.append(prop("workRvu", row["work_rvu"]))
                p.append(prop("nonFacilityRvu", row["non_facility_total"]))
                p.append(prop("facilityRvu", row["facility_total"]))
                p.append(prop("pfsRelease", pfs.id))
                if release is not None:
                    p.append(prop("ncciRelease", release.id))
            if c["emTimeMinutes"]:
                p.append(prop("emTimeMinutes", c["emTimeMinutes"]))
            if c["biopsyRank"]:
                p.append(prop("biopsyRank", c["biopsyRank"]))
            if c.get("biopsyAddOn"):
                p.append(prop("biopsyAddOn", c["biopsyAddOn"]))
            if c.get("siteGroup"):
                if c["siteGroup"] not in sites:
                    fail("%s: unknown siteGroup %s (site-groups.csv)" % (code, c["siteGroup"]))
                p.append(prop("siteGroup", c["siteGroup"]))
            if c.get("sizeMeasure"):
                p.append(prop("sizeMeasure", c["sizeMeasure"]))
                if c["sizeMin"]:
                    p.append(prop("sizeMin", c["sizeMin"]))
                if c["sizeMax"]:
                    p.append(prop("sizeMax", c["sizeMax"]))
                p.append(prop("sizeUnit", "cm2" if c["sizeMeasure"] in ("defect-area", "body-area") else "cm"))
            for vs in c["expectedDiagnoses"].split():
                p.append(prop("expectedDiagnoses", vs))
            for rp in c["requiresProcedure"].split():
                p.append(prop("requiresProcedure", rp))
            if code in larger:
                p.append(prop("largerCode", larger[code]))
            for primary in descriptor.get(code, ()):
                p.append(prop("descriptorAddOnTo", primary))
            if code in with25:
                p.append(prop("with25PayableFrom", with25[code]["from"]))
                for other in with25[code]["alongside"].split():
                    p.append(prop("with25PayableAlongside", other))
            p.sort(key=lambda x: PROP_ORDER[x["code"]])  # stable: repeats keep their order
            node = {"code": code, "display": c["display"]}
            if c["definition"]:
                node["definition"] = c["definition"]
            words = [w.strip() for w in c.get("synonyms", "").split("|") if w.strip()]
            if words:
                node["designation"] = [{"use": SYNONYM, "value": w} for w in words]
            node["property"] = p
            if c["category"] not in nodes:
                fail("unknown category %s for %s" % (c["category"], code))
            nodes[c["category"]].setdefault("concept", []).append(node)
            kinds[(system, code)] = (kind, retired)
        for c in mods:
            if c["system"] != system:
                continue
            code = c["code"]
            if code in seen:
                fail("duplicate concept %s in %s" % (code, system))
            seen.add(code)
            p = [prop("status", "active"), prop("inactive", False), prop("parent", c["category"]),
                 prop("category", c["category"]), prop("kind", "modifier"),
                 prop("modifierAppliesTo", c["appliesTo"]), prop("modifierRole", c["role"]),
                 prop("ncciAssociated", c["ncciAssociated"] == "true")]
            node = {"code": code, "display": c["display"]}
            if c["definition"]:
                node["definition"] = c["definition"]
            node["property"] = p
            nodes[c["category"]].setdefault("concept", []).append(node)
            kinds[(system, code)] = ("modifier", False)
        out[system] = roots
    hosted = {code for (_, code) in kinds}
    for code, bigger in larger.items():
        if code not in hosted or bigger not in hosted:
            fail("larger-codes.csv: %s -> %s names a code that is not hosted" % (code, bigger))
    for code, primaries in descriptor.items():
        if code not in hosted or any(p not in hosted for p in primaries):
            fail("add-on-descriptors.csv: %s names a code that is not hosted" % code)
    return out, kinds


def version_id(base, version, newest):
    return base if version == newest else "%s-%s" % (base, version)


def cpt_codesystem(concepts, version, newest, pfs):
    cs = header("CodeSystem", version_id("cpt", version, newest), SYSTEMS["cpt"], version, "CPT",
                "CPT %s (dermatology fragment)" % version,
                "The dermatology codes of CPT %s used by DermCode: office visits, biopsies, shave removal, "
                "excisions, repairs, adjacent tissue transfer, destruction, Mohs surgery, incision and drainage, "
                "injections, nails, peels, pathology, phototherapy/PDT, patch testing and CPT modifiers, grouped "
                "under abstract categories. Displays are DermCode's own brief wording; fee-schedule facts are "
                "those of %s (%s), NCCI facts those in force on %s-12-31." % (version, pfs.period, pfs.id, version))
    cs["date"] = pfs.effective
    cs["copyright"] = AMA_COPYRIGHT
    cs["caseSensitive"] = True
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs


def hcpcs_codesystem(concepts, version, newest, pfs):
    cs = header("CodeSystem", version_id("hcpcs", version, newest), SYSTEMS["hcpcs"], version, "HCPCSLevelII",
                "HCPCS Level II %s (dermatology fragment)" % version,
                "The HCPCS Level II codes used by DermCode in %s: drugs, G2211, and the modifiers XE, XS, XP, XU, "
                "TC and the NCCI anatomic modifiers. Fee-schedule facts are those of %s (%s), NCCI facts those in "
                "force on %s-12-31." % (version, pfs.period, pfs.id, version))
    cs["date"] = pfs.effective
    cs["caseSensitive"] = True
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs


# ---------------------------------------------------------------- ICD-10-CM
def build_icd(release, newest):
    rows = release.rows
    order = [r["code"] for r in rows]
    if len(order) != len(set(order)):
        fail("%s: duplicate ICD-10-CM code" % release.folder)
    known = set(order)
    for r in rows:
        if not re.fullmatch(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?", r["code"]):
            fail("%s: malformed ICD-10-CM code %s" % (release.folder, r["code"]))
        if r["parent"] and r["parent"] not in known:
            fail("%s: parent %s of %s is not in the file" % (release.folder, r["parent"], r["code"]))
        if not r["parent"] and len(r["code"]) != 3:
            fail("%s: %s has no parent" % (release.folder, r["code"]))
    children = {}
    for r in rows:
        if r["parent"]:
            children.setdefault(r["parent"], []).append(r["code"])
    by_code = {r["code"]: r for r in rows}

    def sort_key(c):
        return c.replace(".", "")

    def node(c):
        r = by_code[c]
        header_row = r["billable"] != "true"
        kids = sorted(children.get(c, []), key=sort_key)
        if header_row != bool(kids) and not header_row:
            fail("%s: billable %s has children" % (release.folder, c))
        p = [prop("status", "active")]
        if header_row:
            p.append(prop("notSelectable", True))
        if r["parent"]:
            p.append(prop("parent", r["parent"]))
        n = {"code": c, "display": r["long_title"]}
        if r["short_title"] and r["short_title"] != r["long_title"]:
            n["designation"] = [{"use": SHORT_TITLE, "value": r["short_title"]}]
        n["property"] = p
        if kids:
            n["concept"] = [node(k) for k in kids]
        return n

    roots = sorted([r["code"] for r in rows if not r["parent"]], key=sort_key)
    concepts = [node(c) for c in roots]
    version = release.year
    cs = header("CodeSystem", version_id("icd-10-cm", version, newest), SYSTEMS["icd-10-cm"], version, "ICD10CM",
                "ICD-10-CM %s (dermatology fragment)" % release.period,
                "The ICD-10-CM codes of fiscal year %s (in force from %s) that a dermatology practice uses: chapter L "
                "whole, the skin neoplasms, warts and other skin infections, and the screening, follow-up and history "
                "codes, with every header above them. Displays are the CMS/NCHS titles; billable codes are selectable, "
                "category and subcategory headers notSelectable. Codes are written with the dot."
                % (version, release.effective))
    cs["date"] = release.effective
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs, roots


# ---------------------------------------------------------------- claim rules
def doc_rules():
    path = os.path.join(ROOT, "docs", "claim-rules.md")
    if not os.path.exists(path):
        return None
    rules = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*([A-Z][A-Z0-9-]+)\s*\|\s*([^|]+)\|", line)
            if m and m.group(1) != "id":
                sev = m.group(2).strip()
                rules[m.group(1)] = sev if sev in ("error", "warning", "information") else "varies"
    return rules


def build_claim_rules():
    rows = read_csv(os.path.join(SRC, "claim-rules.csv"))
    doc = doc_rules()
    if doc is not None:
        ours = {r["code"]: r["severity"] for r in rows}
        if set(ours) != set(doc):
            fail("claim-rules.csv and docs/claim-rules.md disagree: only in csv %s, only in doc %s"
                 % (sorted(set(ours) - set(doc)), sorted(set(doc) - set(ours))))
        for k, v in ours.items():
            if doc[k] != v:
                fail("severity of %s: csv %s, docs/claim-rules.md %s" % (k, v, doc[k]))
    concepts = []
    for r in rows:
        concepts.append({"code": r["code"], "display": r["display"], "definition": r["definition"],
                         "property": [prop("severity", r["severity"]), prop("issueType", r["issueType"])]})
    cs = header("CodeSystem", "claim-rule", CLAIM_RULE_URL, OWN_VERSION, "DermCodeClaimRule", "DermCode claim rules",
                "One concept per finding that Claim/$validate-claim can report. The property severity is the "
                "default severity (varies: set per finding); issueType is the OperationOutcome issue type.")
    cs["caseSensitive"] = True
    cs["content"] = "complete"
    cs["count"] = len(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs


# ---------------------------------------------------------------- value sets
def flat(concepts):
    for c in concepts:
        yield c
        yield from flat(c.get("concept", []))


def prop_values(c, code):
    return [list(v for k, v in p.items() if k.startswith("value"))[0] for p in c.get("property", []) if p["code"] == code]


def build_value_sets(systems, icd_roots, icd_known, icd_cs):
    metas = read_csv(os.path.join(SRC, "value-sets.csv"))
    incs = read_csv(os.path.join(SRC, "value-set-includes.csv"))
    all_codes = {s: {c["code"]: c for c in flat(cs["concept"])} for s, cs in systems.items()}
    out = []
    ids = [m["id"] for m in metas]
    if len(ids) != len(set(ids)):
        fail("duplicate value set id")
    for m in metas:
        rows = [r for r in incs if r["valueSet"] == m["id"]]
        if not rows:
            fail("value set %s has no includes" % m["id"])
        includes = []  # keep first-seen order of systems
        by_sys = {}

        def inc_for(system):
            if system not in by_sys:
                inc = {"system": SYSTEMS[system]}
                by_sys[system] = inc
                includes.append(inc)
            return by_sys[system]

        for r in rows:
            s, op, val = r["system"], r["op"], r["value"]
            codes = all_codes[s]
            if op == "is-a":
                if val not in codes:
                    fail("%s: is-a %s not in %s" % (m["id"], val, s))
                # one include per filter (filters in one include are ANDed)
                inc = {"system": SYSTEMS[s],
                       "filter": [{"property": "concept", "op": "is-a", "value": val}]}
                includes.append(inc)
            elif op == "descendants":
                # explicit list of the selectable codes under a category (the abstract category itself
                # is left out, so e.g. derm-mohs expands to exactly its 5 codes)
                if val not in codes:
                    fail("%s: descendants of %s not in %s" % (m["id"], val, s))
                for c in flat(codes[val].get("concept", [])):
                    if True not in prop_values(c, "notSelectable"):
                        inc_for(s).setdefault("concept", []).append({"code": c["code"], "display": c["display"]})
            elif op == "code":
                if val not in codes:
                    fail("%s: code %s not in %s" % (m["id"], val, s))
                inc_for(s).setdefault("concept", []).append({"code": val, "display": codes[val]["display"]})
            elif op == "select":
                if val == "root-is-a":
                    for root in icd_roots:
                        includes.append({"system": SYSTEMS[s],
                                         "filter": [{"property": "concept", "op": "is-a", "value": root}]})
                    continue
                for c in flat(systems[s]["concept"]):
                    kind = (prop_values(c, "kind") or [None])[0]
                    if val == "procedure" and kind in ("code", "add-on") or val == kind:
                        inc_for(s).setdefault("concept", []).append({"code": c["code"], "display": c["display"]})
            else:
                fail("unknown op " + op)
        # merge explicit-concept includes with filter includes: filters were appended separately
        vs = header("ValueSet", m["id"], BASE + "/ValueSet/" + m["id"], OWN_VERSION, m["name"], m["title"],
                    m["description"])
        if any(i["system"] == SYSTEMS["cpt"] for i in includes):
            vs["copyright"] = AMA_COPYRIGHT
        vs["compose"] = {"include": includes}
        out.append(vs)
    return out


# ---------------------------------------------------------------- concept map
def build_concept_map(cpt_codes):
    rows = read_csv(os.path.join(SRC, "cpt-retired-replacements.csv"))
    elements = {}
    order = []
    for r in rows:
        for c in (r["source"], r["target"]):
            if c not in cpt_codes:
                fail("concept map code %s is not in the CPT fragment" % c)
        if r["source"] not in elements:
            elements[r["source"]] = {"code": r["source"], "display": cpt_codes[r["source"]]["display"], "target": []}
            order.append(r["source"])
        elements[r["source"]]["target"].append({
            "code": r["target"], "display": cpt_codes[r["target"]]["display"],
            "equivalence": r["equivalence"], "comment": r["comment"]})
    cm = header("ConceptMap", "cpt-retired-replacements", BASE + "/ConceptMap/cpt-retired-replacements", OWN_VERSION,
                "CptRetiredReplacements", "Retired CPT codes and their replacements",
                "Maps the deleted CPT codes hosted by DermCode to the codes that replaced them: 99201 (deleted "
                "2021-01-01) to 99202, and the 2018 skin biopsy codes 11100/11101 (deleted 2019-01-01) to the "
                "technique-specific codes 11102-11107. Equivalence is the target's meaning relative to the source.")
    cm["copyright"] = AMA_COPYRIGHT
    cm["group"] = [{"source": SYSTEMS["cpt"], "target": SYSTEMS["cpt"], "element": [elements[s] for s in order]}]
    return cm


# ---------------------------------------------------------------- main
def build_place_of_service():
    rows = read_csv(os.path.join(SRC, "place-of-service.csv"))
    cs = header("CodeSystem", "place-of-service", POS_URL, "2024", "PlaceOfService",
                "CMS place of service codes (fragment)",
                "The CMS place-of-service codes that dermatology claims use (CMS-1500 box 24B). Public domain.")
    cs.update({"caseSensitive": True, "content": "fragment", "count": len(rows),
               "concept": [{"code": r["code"], "display": r["display"],
                            "property": [prop("pfsRate", r["pfsRate"]),
                                         prop("hospitalSetting", r["hospital"] == "true"),
                                         prop("telehealth", r["telehealth"] == "true")]} for r in rows]})
    cs["property"] = property_decls(cs["concept"])
    return cs


# ---------------------------------------------------------------- code syntax
CODE_SYNTAX_URL = "http://dermcode.org/fhir/StructureDefinition/code-syntax"


def add_code_syntax(resources):
    """The shape every code of a system has (code-syntax.csv), as an extension on each version of its
    CodeSystem: the server explains a code that cannot belong to the system instead of calling it
    possibly valid. Every hosted selectable code must have that shape."""
    for r in read_csv(os.path.join(SRC, "code-syntax.csv")):
        if r["system"] not in SYSTEMS:
            fail("code-syntax.csv: unknown system " + r["system"])
        pattern = re.compile("(?:%s)" % r["pattern"])
        versions = [cs for cs in resources if cs["resourceType"] == "CodeSystem" and cs["url"] == SYSTEMS[r["system"]]]
        if not versions:
            fail("code-syntax.csv: no CodeSystem generated for " + r["system"])
        for cs in versions:
            for c in flat(cs["concept"]):
                selectable = not any(p.get("code") == "notSelectable" and p.get("valueBoolean")
                                     for p in c.get("property", []))
                if selectable and not pattern.fullmatch(c["code"]):
                    fail("%s %s code %s does not match its code syntax %s"
                         % (r["system"], cs["version"], c["code"], r["pattern"]))
            add_extension(cs, {"url": CODE_SYNTAX_URL, "extension": [
                {"url": "pattern", "valueString": r["pattern"]},
                {"url": "description", "valueString": r["description"]}]})


def add_extension(cs, ext):
    """Adds an extension to a resource, the extension list placed right after the id."""
    if "extension" in cs:
        cs["extension"].append(ext)
        return
    rebuilt = {}
    for k, v in cs.items():
        rebuilt[k] = v
        if k == "id":
            rebuilt["extension"] = [ext]
    cs.clear()
    cs.update(rebuilt)


OWN_DISPLAYS_URL = "http://dermcode.org/fhir/StructureDefinition/own-displays"


def add_own_displays(resources):
    """Marks the CPT and HCPCS CodeSystems, whose displays are our own brief wording from
    procedure-codes.csv (CPT descriptors are AMA copyright), so that the server takes a display that
    differs from ours (the official descriptor, say) as a warning, not an error."""
    for cs in resources:
        if cs["resourceType"] == "CodeSystem" and cs["url"] in (SYSTEMS["cpt"], SYSTEMS["hcpcs"]):
            add_extension(cs, {"url": OWN_DISPLAYS_URL, "valueBoolean": True})


def main(argv):
    ref_dir = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(ROOT, "..", "shared", "reference"))
    if not os.path.isdir(os.path.join(ref_dir, "cms-releases")) or not os.path.isdir(os.path.join(ref_dir, "icd-10-cm")):
        fail("reference directory with cms-releases/ and icd-10-cm/ not found: " + ref_dir)
    by_kind = load_releases(ref_dir)
    rule_files = write_release_tables(by_kind)
    versions = [r.year for r in by_kind["pfs"]]
    newest = versions[-1]
    resources = []
    newest_systems = None
    for version in versions:
        pfs = next(r for r in by_kind["pfs"] if r.year == version)
        proc, _ = build_procedure_systems(by_kind, version)
        cpt = cpt_codesystem(proc["cpt"], version, newest, pfs)
        hcpcs = hcpcs_codesystem(proc["hcpcs"], version, newest, pfs)
        resources += [cpt, hcpcs]
        if version == newest:
            newest_systems = (cpt, hcpcs)
    icd_releases = by_kind["icd"]
    icd_newest = icd_releases[-1].year
    icd = None
    for release in icd_releases:
        cs, roots = build_icd(release, icd_newest)
        resources.append(cs)
        if release.year == icd_newest:
            icd, icd_roots = cs, roots
    cpt, hcpcs = newest_systems
    rules = build_claim_rules()
    systems = {"cpt": cpt, "hcpcs": hcpcs, "icd-10-cm": icd}
    add_code_syntax(resources)
    add_own_displays(resources)
    value_sets = build_value_sets(systems, icd_roots, set(), icd)
    # expectedDiagnoses must name generated value sets
    vs_ids = {v["id"] for v in value_sets}
    for cs in (cpt, hcpcs):
        for c in flat(cs["concept"]):
            for v in prop_values(c, "expectedDiagnoses"):
                if v not in vs_ids:
                    fail("%s expectedDiagnoses %s is not a generated value set" % (c["code"], v))
    cm = build_concept_map({c["code"]: c for c in flat(cpt["concept"])})

    os.makedirs(OUT_TERM, exist_ok=True)
    expected = set()
    for res in resources + [rules, build_place_of_service()] + value_sets + [cm]:
        name = "%s-%s.json" % (res["resourceType"], res["id"])
        expected.add(name)
        write_json(os.path.join(OUT_TERM, name), res)
    stale = sorted(f for f in os.listdir(OUT_TERM)
                   if f.endswith(".json") and f.split("-", 1)[0] in ("CodeSystem", "ValueSet", "ConceptMap")
                   and f not in expected)
    for f in stale:
        os.remove(os.path.join(OUT_TERM, f))
        sys.stderr.write("removed stale %s\n" % f)
    print("wrote %d terminology files and %d rules files; versions: cpt/hcpcs %s, icd-10-cm %s; newest concepts: "
          "cpt %d, hcpcs %d, icd-10-cm %d, claim-rule %d"
          % (len(expected), len(rule_files), ", ".join(versions), ", ".join(r.year for r in icd_releases),
             cpt["count"], hcpcs["count"], icd["count"], rules["count"]))


if __name__ == "__main__":
    main(sys.argv)
