-- $expand: whole value sets, type-ahead filters and pages
dofile("bench/soak/common.lua")
op = "expand"
local paths = {
  "/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-mohs",
  "/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures&filter=punch%20bio&count=5&offset=0",
  "/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-diagnoses&filter=melan&count=10",
  "/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-em",
  "/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures&count=20&offset=40",
}
requests_in_turn(#paths, function(i) return wrk.format("GET", paths[i]) end)
