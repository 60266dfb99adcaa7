-- Claim/$validate-claim with every example claim in turn (clean and faulty: both are 200 with findings)
dofile("bench/soak/common.lua")
op = "validate-claim"
local bodies = {}
local list = io.popen("ls examples/claims/*.json")
for file in list:lines() do
  if not file:match("manifest%.json$") then
    local f = io.open(file, "rb")
    table.insert(bodies, f:read("*a"))
    f:close()
  end
end
list:close()
requests_in_turn(#bodies, function(i)
  return wrk.format("POST", "/fhir/Claim/$validate-claim", {["Content-Type"] = "application/fhir+json"}, bodies[i])
end)
