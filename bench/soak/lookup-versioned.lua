-- $lookup of a code system version (version=) and of the version in force on a date (date=):
-- CPT/HCPCS 2024-2026, ICD-10-CM FY2024-FY2027 (docs/terminology-model.md, "CodeSystem versions")
dofile("bench/soak/common.lua")
op = "lookup-versioned"
local cpt = "http://www.ama-assn.org/go/cpt"
local icd = "http://hl7.org/fhir/sid/icd-10-cm"
local queries = {
  "system=" .. cpt .. "&code=17311&version=2024",
  "system=" .. cpt .. "&code=17311&version=2025",
  "system=" .. cpt .. "&code=11102&version=2026&property=*",
  "system=" .. cpt .. "&code=99213&date=2026-02-15",
  "system=" .. cpt .. "&code=11104&date=2024-06-30",
  "system=" .. icd .. "&code=L57.0&version=2024",
  "system=" .. icd .. "&code=L57.0&version=2027",
  "system=" .. icd .. "&code=C44.311&date=2026-11-20",
  "system=" .. icd .. "&code=L82.1&date=2025-03-01",
  "system=https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=J7308&version=2026",
}
requests_in_turn(#queries, function(i)
  return wrk.format("GET", "/fhir/CodeSystem/$lookup?" .. queries[i])
end)
