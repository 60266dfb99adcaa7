#!/usr/bin/env bash
# HTTP benchmark of DermCode against a constant "floor" endpoint, all in one run.
#   bench/http.sh                 (env: DURATION=10 seconds per measurement, ROUNDS=3, CLAIM_WARMUP=30 seconds,
#                                  PORT=18084, JAR=...)
# Starts three servers from the same jar with -Xmx512m and the 'bench' Spring profile:
#   A  :PORT     the production settings (response buffer on, profile validation on)
#   B  :PORT+1   response buffer off (dermcode.http.response-buffer=0): the before/after of the buffer
#   C  :PORT+2   profile validation off (dermcode.validation.profile-enabled=false): rules-only claims
# measures start-up of A (first good /fhir/metadata, readiness UP) and its RSS idle and after load,
# warms up, then runs every operation ROUNDS times, interleaved, with wrk -t2 -c16, and prints
# median req/s, p50, p99, the ratio to the floor (median of the same rounds) and server CPU per request.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CLAIM_WARMUP=${CLAIM_WARMUP:-30}
PORT=${PORT:-18084}
JAR=${JAR:-target/dermcode-server.jar}
OUT=${OUT:-target/bench-http}
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [ ! -f "$JAR" ]; then
  mvn -B -ntp -q package -DskipTests
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
start_server() { # port, extra args...; prints pid
  local port=$1; shift
  java -Xmx512m -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$port" --spring.profiles.active=bench \
    --logging.level.org.dermcode.claim=WARN "$@" >"$OUT/server-$port.log" 2>&1 &
  echo $!
}
wait_for() { # url, timeout s
  local url=$1 deadline=$(( $(date +%s) + $2 ))
  until curl -sf -o /dev/null "$url"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timeout waiting for $url" >&2; return 1; }
    sleep 0.05
  done
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# a server still running on one of the ports (a previous run shutting down) would answer the
# start-up probes for the new one: wait until all three ports are free
for p in "$PORT" $((PORT+1)) $((PORT+2)); do
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$p/" || break; sleep 0.1; done
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "port $p is in use" >&2; exit 1; fi
done

t0=$(now_ms)
A=$(start_server "$PORT"); PIDS+=("$A")
wait_for "http://127.0.0.1:$PORT/fhir/metadata" 120; t_meta=$(( $(now_ms) - t0 ))
wait_for "http://127.0.0.1:$PORT/actuator/health/readiness" 180; t_ready=$(( $(now_ms) - t0 ))
sleep 2; rss_idle=$(rss_mb "$A")
B=$(start_server $((PORT+1)) --dermcode.http.response-buffer=0); PIDS+=("$B")
C=$(start_server $((PORT+2)) --dermcode.validation.profile-enabled=false); PIDS+=("$C")
wait_for "http://127.0.0.1:$((PORT+1))/actuator/health/readiness" 180
wait_for "http://127.0.0.1:$((PORT+2))/actuator/health/readiness" 180

CLAIM=bench/claim-clean-10.json
cat > "$OUT/post-claim.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/fhir+json"
local f = io.open("$CLAIM", "rb"); wrk.body = f:read("*a"); f:close()
LUA

LOOKUP='/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=17311'
VALCODE='/fhir/ValueSet/$validate-code?url=http://dermcode.org/fhir/ValueSet/derm-em&system=http://www.ama-assn.org/go/cpt&code=99213'
EXPF='/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures&filter=biopsy'
EXP='/fhir/ValueSet/$expand?url=http://dermcode.org/fhir/ValueSet/derm-procedures'
VCLAIM='/fhir/Claim/$validate-claim'
# name|pid|port|path|lua
OPS=(
  "floor|$A|$PORT|/bench/floor|"
  "\$lookup|$A|$PORT|$LOOKUP|"
  "\$validate-code|$A|$PORT|$VALCODE|"
  "\$expand filter=biopsy|$A|$PORT|$EXPF|"
  "\$expand (no filter)|$A|$PORT|$EXP|"
  "\$validate-claim 10 lines, rules+profile|$A|$PORT|$VCLAIM|post"
  "\$validate-claim 10 lines, rules only|$C|$((PORT+2))|$VCLAIM|post"
  "\$lookup, no response buffer|$B|$((PORT+1))|$LOOKUP|"
  "\$validate-code, no response buffer|$B|$((PORT+1))|$VALCODE|"
  "\$expand filter, no response buffer|$B|$((PORT+1))|$EXPF|"
  "\$expand, no response buffer|$B|$((PORT+1))|$EXP|"
)

# sanity: every operation answers 200 before it is measured
for op in "${OPS[@]}"; do
  IFS='|' read -r name pid port path lua <<<"$op"
  if [ "$lua" = post ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/fhir+json' --data-binary @"$CLAIM" "http://127.0.0.1:$port$path")
  else
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  fi
  [ "$code" = 200 ] || { echo "$name answered $code" >&2; exit 1; }
done

run_wrk() { # name pid port path lua secs -> "rps p50ms p99ms cpu_us_per_req"
  local name=$1 pid=$2 port=$3 path=$4 lua=$5 secs=$6 args=() c0 c1 out
  [ "$lua" = post ] && args=(-s "$OUT/post-claim.lua")
  c0=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c16 -d"${secs}s" --latency "${args[@]}" "http://127.0.0.1:$port$path")
  c1=$(cpu_ticks "$pid")
  echo "$out" | awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v)-2) / 1000;
                     if (v ~ /ms$/) return substr(v, 1, length(v)-2) + 0;
                     if (v ~ /s$/)  return substr(v, 1, length(v)-1) * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /requests in/ { n = $1 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%s %.3f %.3f %.1f %s\n", rps, p50, p99, (n > 0 ? ticks / hz * 1e6 / n : 0), (bad ? bad : 0) }'
}

# claims warm up longer: the JIT takes tens of seconds to compile the profile validator's huge methods
echo "warming up (${DURATION}s per operation, ${CLAIM_WARMUP}s per claim operation)..." >&2
for op in "${OPS[@]}"; do
  IFS='|' read -r name pid port path lua <<<"$op"
  run_wrk "$name" "$pid" "$port" "$path" "$lua" "$([ "$lua" = post ] && echo "$CLAIM_WARMUP" || echo "$DURATION")" >/dev/null
done

RESULTS="$OUT/results.txt"; : > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  i=0
  for op in "${OPS[@]}"; do
    IFS='|' read -r name pid port path lua <<<"$op"
    echo "round $round: $name" >&2
    echo "$i $round $(run_wrk "$name" "$pid" "$port" "$path" "$lua" "$DURATION")" >> "$RESULTS"
    i=$((i+1))
  done
done
rss_load=$(rss_mb "$A")

NAMES=$(for op in "${OPS[@]}"; do IFS='|' read -r name _ <<<"$op"; echo "$name"; done)
echo
echo "DermCode HTTP benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "wrk -t2 -c16 -d${DURATION}s, $ROUNDS rounds interleaved, medians; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$RESULTS" <<PY
import sys, statistics as st
names = """$NAMES""".splitlines()
rows = {}
for line in open(sys.argv[1]):
    i, rnd, rps, p50, p99, cpu, bad = line.split()
    rows.setdefault(int(i), []).append((float(rps), float(p50), float(p99), float(cpu), int(bad)))
floor = st.median(r[0] for r in rows[0])
print("| operation | median req/s | p50 ms | p99 ms | ratio to floor | server CPU us/request | req/s of the rounds |")
print("|---|---:|---:|---:|---:|---:|---|")
for i, name in enumerate(names):
    r = rows[i]
    rps = st.median(x[0] for x in r)
    bad = sum(x[4] for x in r)
    print(f"| {name}{' (non-2xx: %d)' % bad if bad else ''} | {rps:,.0f} | {st.median(x[1] for x in r):.2f} | "
          f"{st.median(x[2] for x in r):.2f} | {rps / floor:.2f} | {st.median(x[3] for x in r):.0f} | "
          f"{' / '.join('%.0f' % x[0] for x in r)} |")
PY
echo
echo "| start-up (server A) | value |"
echo "|---|---:|"
echo "| to first good /fhir/metadata | $(awk "BEGIN{printf \"%.1f s\", $t_meta/1000}") |"
echo "| to readiness UP (validator warm) | $(awk "BEGIN{printf \"%.1f s\", $t_ready/1000}") |"
echo "| RSS idle (after readiness, -Xmx512m) | $rss_idle MB |"
echo "| RSS after the load run | $rss_load MB |"
