-- $validate-code against value sets and code systems (valid and invalid codes: both are 200)
dofile("bench/soak/common.lua")
op = "validate-code"
local paths = {
  "/fhir/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-em&system=http://www.ama-assn.org/go/cpt&code=99213",
  "/fhir/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-em&system=http://www.ama-assn.org/go/cpt&code=99201&date=2024-01-01",
  "/fhir/CodeSystem/$validate-code?url=http://www.ama-assn.org/go/cpt&code=11102",
  "/fhir/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-mohs&system=http://www.ama-assn.org/go/cpt&code=11102",
}
requests_in_turn(#paths, function(i) return wrk.format("GET", paths[i]) end)
