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
local n = 0
request = function()
  n = n + 1
  expected_4xx = false
  return wrk.format("GET", paths[n % #paths + 1])
end
response = function(status) count(status) end
