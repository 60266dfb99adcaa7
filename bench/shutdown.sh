#!/usr/bin/env bash
# Graceful shutdown of the real jar (issue 13): starts java -jar, checks it answers, starts SLOW
# concurrent profile validations (Bundles of eight 10-line claims: 80 lines, the batch limit), sends
# SIGTERM while they run, and then polls readiness every 50 ms. It shows, with times from the
# SIGTERM: readiness DOWN (503 OUT_OF_SERVICE) while the server still answers other requests
# (dermcode.shutdown.drain); then new requests refused (Tomcat, paused, answers 503 "not accepting
# requests" while it waits for the requests in flight; once they are done the port is closed:
# connection refused); every request in flight answered 200 with its whole Bundle; the process gone
# within the shutdown timeout (drain + spring.lifecycle.timeout-per-shutdown-phase).
#
#   bench/shutdown.sh                   # DRAIN=1s, port 18094
#
# Settings (environment): PORT (18094), JAR (target/dermcode-server.jar, built if missing),
# DRAIN (1s, whole seconds), SLOW (how many Bundles in flight; by default enough to keep the two
# profile validators busy for the drain and 2 s more, from the time one Bundle takes alone),
# TIMEOUT_S (30, the server's timeout-per-shutdown-phase), OUT (target/shutdown).
# Exits non-zero if a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18094}
JAR=${JAR:-target/dermcode-server.jar}
DRAIN=${DRAIN:-1s}
SLOW=${SLOW:-}
TIMEOUT_S=${TIMEOUT_S:-30}
OUT=${OUT:-target/shutdown}
BASE="http://127.0.0.1:$PORT"

[ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package
rm -rf "$OUT" && mkdir -p "$OUT"
LOG="$OUT/server.log"

# the slow request: a Bundle of eight copies of a clean 10-line claim
python3 - "$OUT/bundle.json" <<'PY'
import json, sys
claim = json.load(open("bench/claim-clean-10.json"))
entries = []
for i in range(8):
    c = dict(claim, id="shutdown-%d" % i)
    entries.append({"fullUrl": "urn:uuid:00000000-0000-0000-0000-%012d" % i, "resource": c})
json.dump({"resourceType": "Bundle", "type": "collection", "entry": entries}, open(sys.argv[1], "w"))
PY

java -Xmx512m -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --dermcode.shutdown.drain="$DRAIN" >"$LOG" 2>&1 &
PID=$!
trap 'kill -9 "$PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "server died; see $LOG" >&2; exit 1; }
  sleep 1
done
curl -sf "$BASE/actuator/health/readiness" >/dev/null || { echo "not ready after 300 s" >&2; exit 1; }

now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
post_bundle() { # file for "status seconds"
  curl -s -o "$1.body" -w '%{http_code} %{time_total}\n' --max-time 120 -X POST \
    -H 'Content-Type: application/fhir+json' --data-binary @"$OUT/bundle.json" "$BASE/fhir/Claim/\$validate-claim" >"$1"
}

LOOKUP=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/fhir/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=11102")
post_bundle "$OUT/alone"
post_bundle "$OUT/alone"
ALONE_S=$(cut -d' ' -f2 "$OUT/alone")
DRAIN_S=$(echo "$DRAIN" | tr -dc 0-9)
[ -n "$SLOW" ] || SLOW=$(awk -v a="$ALONE_S" -v d="$DRAIN_S" 'BEGIN { n = int((d + 2) * 2 / a) + 1; print (n < 2) ? 2 : (n > 32) ? 32 : n }')
echo "before SIGTERM: \$lookup $LOOKUP; one Bundle alone: $(cat "$OUT/alone") (status, seconds); $SLOW in flight"

for i in $(seq 1 "$SLOW"); do post_bundle "$OUT/slow-$i" & done
sleep 0.3
T0=$(now)
kill -TERM "$PID"
READY_DOWN="" PAUSED="" REFUSED="" DRAIN_ANSWER="" LAST_UP="" ALL_DONE=""
while kill -0 "$PID" 2>/dev/null; do
  t=$(now)
  rc=0
  rm -f "$OUT/probe.json"
  code=$(curl -s -o "$OUT/probe.json" -w '%{http_code}' --max-time 3 "$BASE/actuator/health/readiness") || rc=$?
  echo "$(ms "$T0" "$t") curl_rc=$rc status=$code $(head -c 100 "$OUT/probe.json" 2>/dev/null | tr -d '\n')" >>"$OUT/probes.txt"
  if [ "$rc" = "7" ]; then # could not connect
    [ -n "$REFUSED" ] || REFUSED=$(ms "$T0" "$t")
  elif [ "$code" = "503" ] && grep -q OUT_OF_SERVICE "$OUT/probe.json" && [ -z "$READY_DOWN" ]; then
    READY_DOWN=$(ms "$T0" "$t")
    # a new request during the drain, in the background so the probes go on
    (curl -s -o /dev/null -w '%{http_code}' --max-time 30 \
      "$BASE/fhir/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=17311" >"$OUT/drain-answer" || true) &
  elif [ "$code" = "503" ] && grep -q OperationOutcome "$OUT/probe.json" && [ -z "$PAUSED" ]; then
    PAUSED=$(ms "$T0" "$t")
    cp "$OUT/probe.json" "$OUT/paused-answer.json"
  elif [ "$code" = "200" ]; then
    LAST_UP=$(ms "$T0" "$t")
  fi
  if [ -z "$ALL_DONE" ] && [ "$(cat "$OUT"/slow-* 2>/dev/null | wc -l)" -eq "$SLOW" ]; then
    ALL_DONE=$(ms "$T0" "$(now)")
  fi
  sleep 0.05
done
GONE=$(ms "$T0" "$(now)")
wait "$PID" 2>/dev/null && EXIT_CODE=0 || EXIT_CODE=$?
trap - EXIT
wait
DRAIN_ANSWER=$(cat "$OUT/drain-answer" 2>/dev/null || echo none)
[ -n "$ALL_DONE" ] || ALL_DONE=$GONE

OK=0 FAILED=0
for i in $(seq 1 "$SLOW"); do
  if [ "$(cut -d' ' -f1 "$OUT/slow-$i")" = "200" ] && [ "$(grep -o '"resourceType":"OperationOutcome"' "$OUT/slow-$i.body" | wc -l)" -eq 8 ]; then
    OK=$((OK + 1))
  else
    FAILED=$((FAILED + 1))
  fi
done
FIRST_REFUSAL=${PAUSED:-${REFUSED:-}}
INFLIGHT_AT_REFUSAL=$(awk -v r="${FIRST_REFUSAL:-0}" -v d="$ALL_DONE" 'BEGIN { print (r > 0 && d > r) ? "yes" : "no" }')
LIMIT_MS=$(( (DRAIN_S + TIMEOUT_S) * 1000 ))

{
  echo "shutdown run $(date -u +%FT%TZ), drain $DRAIN, $SLOW Bundles of 8 claims in flight at SIGTERM, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "readiness_last_up_ms=${LAST_UP:--} readiness_down_ms=${READY_DOWN:-never} answer_during_drain=${DRAIN_ANSWER:--}"
  echo "new_requests_503_from_ms=${PAUSED:-never} connections_refused_from_ms=${REFUSED:-never} in_flight_when_refused=$INFLIGHT_AT_REFUSAL"
  echo "in_flight_answered_200=$OK/$SLOW failed=$FAILED all_answered_ms=$ALL_DONE"
  echo "process_gone_ms=$GONE limit_ms=$LIMIT_MS exit_code=$EXIT_CODE error_lines_in_log=$(grep -c ' ERROR ' "$LOG" || true)"
} | tee "$OUT/summary.txt"

[ -n "$READY_DOWN" ] && [ -n "$FIRST_REFUSAL" ] && [ "$READY_DOWN" -lt "$FIRST_REFUSAL" ] && [ "$FAILED" -eq 0 ] \
  && [ "$GONE" -le "$LIMIT_MS" ] && [ "$DRAIN_ANSWER" = "200" ]
