-- $lookup of real codes (a wrk thread's Lua state is shared by its connections, so a per-request
-- "expected 4xx" flag cannot be matched to its response: no deliberate 4xx here)
dofile("bench/soak/common.lua")
op = "lookup"
local codes = {"11102", "17311", "99213", "11104", "17000", "96567", "88305", "J7308", "L57.0", "C44.311"}
local systems = {"http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt",
  "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt", "http://www.ama-assn.org/go/cpt",
  "http://www.ama-assn.org/go/cpt", "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets",
  "http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm"}
local n = 0
request = function()
  n = n + 1
  local i = n % #codes + 1
  local code = codes[i]
  expected_4xx = false
  return wrk.format("GET", "/fhir/CodeSystem/$lookup?system=" .. systems[i] .. "&code=" .. code)
end
response = function(status) count(status) end
