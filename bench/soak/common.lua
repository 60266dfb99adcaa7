-- Shared by the soak scripts: counts statuses per thread and prints them with the latency
-- percentiles in one parseable line at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, expected4xx, unexpected = 0, 0, 0
end

function count(status)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status >= 400 and status < 500 and expected_4xx then
    expected4xx = expected4xx + 1
  else
    unexpected = unexpected + 1
  end
end

-- Sends the requests in turn, cycling: make(i) builds the i-th of how_many (1-based).
function requests_in_turn(how_many, make)
  local n = 0
  request = function()
    n = n + 1
    expected_4xx = false
    return make(n % how_many + 1)
  end
end

response = function(status) count(status) end

function done(summary, latency, requests)
  local o, e, u = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    e = e + t:get("expected4xx")
    u = u + t:get("unexpected")
  end
  io.write(string.format("RESULT op=%s requests=%d ok2xx=%d expected4xx=%d unexpected=%d socket_errors=%d"
      .. " p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", op, summary.requests, o, e, u,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
