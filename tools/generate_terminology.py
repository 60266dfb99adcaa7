#!/usr/bin/env python3
"""Generate terminology/ and rules/ from tools/terminology-source/ and the CMS 2024 CSVs.

Usage: python3 tools/generate_terminology.py [CMS_CSV_DIR]

CMS_CSV_DIR defaults to ../shared/reference/cms-2024 relative to the repository root.
Every number (RVUs, global days, indicators, MUE, add-on primaries) is read from the CMS CSVs;
the source tables hold only our own wording, categories and the hand-chosen facts.
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
    ("emTimeMinutes", OWN + "emTimeMinutes", "integer", "2024 total time threshold in minutes"),
    ("modifierAppliesTo", OWN + "modifierAppliesTo", "code", "em, procedure or any"),
    ("modifierRole", OWN + "modifierRole", "code", "pricing, global, bypass, bypass-x, anatomic or other"),
    ("ncciAssociated", OWN + "ncciAssociated", "boolean", "The modifier bypasses an indicator-1 PTP edit"),
    ("biopsyRank", OWN + "biopsyRank", "integer", "Primary biopsy hierarchy: 11102 = 1, 11104 = 2, 11106 = 3"),
    ("biopsyAddOn", OWN + "biopsyAddOn", "code", "The add-on that reports a further lesion sampled by this primary's technique"),
    ("expectedDiagnoses", OWN + "expectedDiagnoses", "code", "Id of a diagnosis-family ValueSet; repeats"),
    ("requiresProcedure", OWN + "requiresProcedure", "code", "Procedure that must be billed the same day; repeats"),
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


# ---------------------------------------------------------------- CMS data
def load_cms(cms_dir):
    pfs, mue, addon = {}, {}, {}
    for r in read_csv(os.path.join(cms_dir, "pfs-rvu-2024.csv")):
        if r["mod"].strip() == "":
            if r["hcpcs"] in pfs:
                fail("duplicate base PFS row for " + r["hcpcs"])
            pfs[r["hcpcs"]] = r
    for r in read_csv(os.path.join(cms_dir, "mue-practitioner-2024q3.csv")):
        mue[r["hcpcs_code"]] = r
    for r in read_csv(os.path.join(cms_dir, "add-on-code-edits-2024-06.csv")):
        if r["aoc_edit_type"].strip() == "1":
            addon.setdefault(r["add_on_code"], set()).add(r["primary_code"])
    ptp = []
    for r in read_csv(os.path.join(cms_dir, "ptp-practitioner-2024q3.csv")):
        if r["deletion_date"].strip() in ("", "9999-12-31") and r["modifier_indicator"] in ("0", "1"):
            ptp.append((r["column1_comprehensive"], r["column2_component"], r["modifier_indicator"], r["rationale"]))
    return pfs, mue, addon, sorted(set(ptp))


# ---------------------------------------------------------------- CPT / HCPCS
def build_procedure_systems(cms):
    pfs, mue, addon, _ = cms
    cats = read_csv(os.path.join(SRC, "categories.csv"))
    codes = read_csv(os.path.join(SRC, "procedure-codes.csv"))
    mods = read_csv(os.path.join(SRC, "modifiers.csv"))
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
            retired = c["status"] == "retired"
            p = [prop("status", c["status"]), prop("inactive", retired)]
            if c["effectiveDate"]:
                p.append(prop("effectiveDate", c["effectiveDate"]))
            if c["retirementDate"]:
                p.append(prop("retirementDate", c["retirementDate"]))
            p += [prop("parent", c["category"]), prop("category", c["category"])]
            row = pfs.get(code)
            if retired:
                if row is not None:
                    fail("retired code %s has a 2024 PFS row" % code)
                kind = "code"
                p.append(prop("kind", kind))
            else:
                if row is None:
                    fail("no base-code PFS row for " + code)
                kind = "add-on" if row["glob_days"] == "ZZZ" else "code"
                p.append(prop("kind", kind))
                p.append(prop("globalDays", row["glob_days"]))
                if kind == "add-on":
                    for primary in sorted(addon.get(code, ())):
                        p.append(prop("addOnTo", primary))
                p.append(prop("multipleProcedure", row["mult_proc"]))
                p.append(prop("pctc", row["pctc_ind"]))
                p.append(prop("pfsStatus", row["status_code"]))
                m = mue.get(code)
                if m is not None:
                    p.append(prop("mueUnits", m["mue_units"]))
                    p.append(prop("mueAdjudication", m["mue_mai"]))
                else:
                    sys.stderr.write("note: no MUE row for %s\n" % code)
                p.append(prop("workRvu", row["work_rvu"]))
                p.append(prop("nonFacilityRvu", row["non_facility_total"]))
                p.append(prop("facilityRvu", row["facility_total"]))
            if c["emTimeMinutes"]:
                p.append(prop("emTimeMinutes", c["emTimeMinutes"]))
            if c["biopsyRank"]:
                p.append(prop("biopsyRank", c["biopsyRank"]))
            if c.get("biopsyAddOn"):
                p.append(prop("biopsyAddOn", c["biopsyAddOn"]))
            for vs in c["expectedDiagnoses"].split():
                p.append(prop("expectedDiagnoses", vs))
            for rp in c["requiresProcedure"].split():
                p.append(prop("requiresProcedure", rp))
            p.sort(key=lambda x: PROP_ORDER[x["code"]])  # stable: repeats keep their order
            node = {"code": code, "display": c["display"]}
            if c["definition"]:
                node["definition"] = c["definition"]
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
    # every add-on primary must be hosted
    hosted = {code for (_, code) in kinds}
    for (system, code), (kind, _) in kinds.items():
        if kind == "add-on":
            for primary in addon.get(code, ()):
                if primary not in hosted:
                    sys.stderr.write("note: add-on %s primary %s is not hosted\n" % (code, primary))
    return out, kinds


def cpt_codesystem(concepts):
    cs = header("CodeSystem", "cpt", SYSTEMS["cpt"], "2024", "CPT", "CPT (dermatology fragment)",
                "The dermatology subset of CPT 2024 used by DermCode: office visits, skin biopsy, lesion "
                "destruction and excision, Mohs surgery, pathology, laser/phototherapy/PDT and CPT modifiers, "
                "grouped under abstract categories. Displays are DermCode's own brief wording; fee schedule, "
                "MUE and NCCI facts come from the CMS 2024 files.")
    cs["copyright"] = AMA_COPYRIGHT
    cs["caseSensitive"] = True
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs


def hcpcs_codesystem(concepts):
    cs = header("CodeSystem", "hcpcs", SYSTEMS["hcpcs"], "2024", "HCPCSLevelII", "HCPCS Level II (dermatology fragment)",
                "The HCPCS Level II codes used by DermCode: J7308, G2211, and the modifiers XE, XS, XP, XU, TC "
                "and the NCCI anatomic modifiers. Fee schedule and MUE facts come from the CMS 2024 files.")
    cs["caseSensitive"] = True
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs


# ---------------------------------------------------------------- ICD-10-CM
def icd_parent(code, known):
    c = code
    while len(c) > 3:
        c = c[:-1]
        if c.endswith("."):
            c = c[:-1]
        if c in known:
            return c
    return None


def build_icd():
    rows = read_csv(os.path.join(SRC, "icd-10-cm.csv"))
    order = [r["code"] for r in rows]
    if len(order) != len(set(order)):
        fail("duplicate ICD-10-CM code in icd-10-cm.csv")
    for code in order:
        if not re.fullmatch(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?", code):
            fail("malformed ICD-10-CM code " + code)
    known = set(order)
    parents = {c: icd_parent(c, known) for c in order}
    children = {}
    for c in order:
        if parents[c]:
            children.setdefault(parents[c], []).append(c)
        elif len(c) != 3:
            fail("ICD-10-CM code %s has no category parent in the table" % c)
    display = {r["code"]: r["display"] for r in rows}

    def sort_key(c):
        return c.replace(".", "")

    def node(c):
        p = [prop("status", "active")]
        kids = sorted(children.get(c, []), key=sort_key)
        if kids:
            p.append(prop("notSelectable", True))
        if parents[c]:
            p.append(prop("parent", parents[c]))
        n = {"code": c, "display": display[c], "property": p}
        if kids:
            n["concept"] = [node(k) for k in kids]
        return n

    roots = sorted([c for c in order if parents[c] is None], key=sort_key)
    concepts = [node(c) for c in roots]
    cs = header("CodeSystem", "icd-10-cm", SYSTEMS["icd-10-cm"], "2024", "ICD10CM", "ICD-10-CM (dermatology fragment)",
                "The dermatology diagnoses of ICD-10-CM FY2024 that DermCode's rules refer to, with their "
                "3-character categories and intermediate headers as parents. Codes are written with the dot. "
                "Non-leaf concepts are not billable and are marked notSelectable.")
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    cs["count"] = count(concepts)
    cs["property"] = property_decls(concepts)
    cs["concept"] = concepts
    return cs, roots, known


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
                inc = {"system": SYSTEMS[system], "version": "2024"}
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
                inc = {"system": SYSTEMS[s], "version": "2024",
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
                        includes.append({"system": SYSTEMS[s], "version": "2024",
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
    cm["group"] = [{"source": SYSTEMS["cpt"], "sourceVersion": "2024", "target": SYSTEMS["cpt"],
                    "targetVersion": "2024", "element": [elements[s] for s in order]}]
    return cm


# ---------------------------------------------------------------- main
def build_place_of_service():
    rows = read_csv(os.path.join(SRC, "place-of-service.csv"))
    cs = header("CodeSystem", "place-of-service", POS_URL, "2024", "PlaceOfService",
                "CMS place of service codes (fragment)",
                "The CMS place-of-service codes that dermatology claims use (CMS-1500 box 24B). Public domain.")
    cs.update({"caseSensitive": True, "content": "fragment", "count": len(rows),
               "concept": [{"code": r["code"], "display": r["display"]} for r in rows]})
    return cs


def main(argv):
    cms_dir = argv[1] if len(argv) > 1 else os.path.join(ROOT, "..", "shared", "reference", "cms-2024")
    cms_dir = os.path.abspath(cms_dir)
    if not os.path.isdir(cms_dir):
        fail("CMS CSV directory not found: " + cms_dir)
    cms = load_cms(cms_dir)
    proc, kinds = build_procedure_systems(cms)
    cpt = cpt_codesystem(proc["cpt"])
    hcpcs = hcpcs_codesystem(proc["hcpcs"])
    icd, icd_roots, icd_known = build_icd()
    rules = build_claim_rules()
    systems = {"cpt": cpt, "hcpcs": hcpcs, "icd-10-cm": icd}
    value_sets = build_value_sets(systems, icd_roots, icd_known, icd)
    # expectedDiagnoses must name generated value sets
    vs_ids = {v["id"] for v in value_sets}
    for cs in (cpt, hcpcs):
        for c in flat(cs["concept"]):
            for v in prop_values(c, "expectedDiagnoses"):
                if v not in vs_ids:
                    fail("%s expectedDiagnoses %s is not a generated value set" % (c["code"], v))
    cm = build_concept_map({c["code"]: c for c in flat(cpt["concept"])})

    os.makedirs(OUT_TERM, exist_ok=True)
    os.makedirs(OUT_RULES, exist_ok=True)
    expected = set()
    for res in [cpt, hcpcs, icd, rules, build_place_of_service()] + value_sets + [cm]:
        name = "%s-%s.json" % (res["resourceType"], res["id"])
        expected.add(name)
        write_json(os.path.join(OUT_TERM, name), res)
    stale = sorted(f for f in os.listdir(OUT_TERM)
                   if f.endswith(".json") and f.split("-", 1)[0] in ("CodeSystem", "ValueSet", "ConceptMap")
                   and f not in expected)
    for f in stale:
        os.remove(os.path.join(OUT_TERM, f))
        sys.stderr.write("removed stale %s\n" % f)
    with open(os.path.join(OUT_RULES, "ptp-edits.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["column1", "column2", "modifier_indicator", "rationale"])
        for row in cms[3]:
            w.writerow(row)
    print("wrote %d terminology files and rules/ptp-edits.csv (%d rows); concepts: cpt %d, hcpcs %d, icd-10-cm %d, "
          "claim-rule %d" % (len(expected), len(cms[3]), cpt["count"], hcpcs["count"], icd["count"], rules["count"]))


if __name__ == "__main__":
    main(sys.argv)
