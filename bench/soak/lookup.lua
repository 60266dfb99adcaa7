-- $lookup of real codes (a wrk thread's Lua state is shared by its connections, so a per-request
-- "expected 4xx" flag cannot be matched to its response: no deliberate 4xx here)
dofile("bench/soak/common.lua")
op = "lookup"
local codes = {"11102", "17311", "99213", "11104", "17000", "96567", "88305", "J7308", "L57.0", "C44.311"}
local systems = {"http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt",
  "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt",
  "http://www.ama-assn.org/go/cpt", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
  "http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm"}
requests_in_turn(#codes, function(i)
  return wrk.format("GET", "/fhir/CodeSystem/$lookup?system=" .. systems[i] .. "&code=" .. codes[i])
end)
