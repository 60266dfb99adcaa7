-- $batch-validate-code (issue 13, after the conformance work): ten CPT and ICD-10-CM codes on our
-- content with a 2026 date of service (valid, invalid and deleted codes: all 200), and five codes
-- against a client's code system and value set sent as tx-resource (HL7's engine, one session)
dofile("bench/soak/common.lua")
op = "batch-validate-code"
local cpt = "http://www.ama-assn.org/go/cpt"
local icd = "http://hl7.org/fhir/sid/icd-10-cm"

local function entry(system, code)
  return '{"name":"validation","resource":{"resourceType":"Parameters","parameter":['
      .. '{"name":"system","valueUri":"' .. system .. '"},{"name":"code","valueCode":"' .. code .. '"}]}}'
end

local ours = {}
for _, code in ipairs({"11102", "11104", "17311", "13101", "12032", "99213", "99201", "17000", "96567", "88305"}) do
  table.insert(ours, entry(cpt, code))
end
local ours_procedures = '{"resourceType":"Parameters","parameter":[{"name":"url","valueUri":'
    .. '"http://dermcode.org/fhir/ValueSet/derm-procedures"},{"name":"date","valueDate":"2026-11-20"},'
    .. table.concat(ours, ",") .. ']}'

local dx = {}
for _, code in ipairs({"L57.0", "L82.1", "C44.311", "D48.5", "L40.0", "L29.8", "Z85.828", "L70.0", "X99.9", "L98.8"}) do
  table.insert(dx, entry(icd, code))
end
local ours_diagnoses = '{"resourceType":"Parameters","parameter":[{"name":"url","valueUri":'
    .. '"http://dermcode.org/fhir/ValueSet/derm-diagnoses"},{"name":"date","valueDate":"2026-11-20"},'
    .. table.concat(dx, ",") .. ']}'

local client = {}
for _, code in ipairs({"red", "green", "blue", "grey", "purple"}) do
  table.insert(client, entry("http://example.org/cs/colours", code))
end
local theirs = '{"resourceType":"Parameters","parameter":[{"name":"url","valueUri":"http://example.org/vs/colours"},'
    .. '{"name":"tx-resource","resource":{"resourceType":"CodeSystem","url":"http://example.org/cs/colours",'
    .. '"version":"1.0.0","status":"active","content":"complete","concept":[{"code":"red","display":"Red"},'
    .. '{"code":"green","display":"Green"},{"code":"blue","display":"Blue"},{"code":"grey","display":"Grey"}]}},'
    .. '{"name":"tx-resource","resource":{"resourceType":"ValueSet","url":"http://example.org/vs/colours",'
    .. '"status":"active","compose":{"include":[{"system":"http://example.org/cs/colours","filter":[{"property":'
    .. '"code","op":"regex","value":"(r|g|b)[a-z]+"}]}]}}},'
    .. table.concat(client, ",") .. ']}'

local bodies = {ours_procedures, ours_diagnoses, theirs}
requests_in_turn(#bodies, function(i)
  return wrk.format("POST", "/fhir/ValueSet/$batch-validate-code", {["Content-Type"] = "application/fhir+json"},
      bodies[i])
end)
