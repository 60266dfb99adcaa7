#!/usr/bin/env bash
# Cost of one request (issue 13): starts the jar alone (-Xmx512m), sends the worst requests the
# limits allow (bench/cost/RequestCost.java: the largest claim, the largest Bundles, the deepest
# JSON and XML nesting, the widest $expand and $validate-code with client code systems), each
# WARMUP times then RUNS times one at a time, and prints per request the CPU the server process
# spent (all its threads, GC and JIT included) and the bytes its threads allocated, read from the
# server's own JVM over JMX (Attach API). Run it on an otherwise idle server: nothing else may use it.
#
#   bench/cost.sh                       # all cases
#   bench/cost.sh claim-largest         # some cases
#
# Settings (environment): PORT (18093), JAR (target/dermcode-server.jar, built if missing),
# HEAP (-Xmx512m), OUT (target/cost), WARMUP (3), RUNS (5).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18093}
JAR=${JAR:-target/dermcode-server.jar}
HEAP=${HEAP:--Xmx512m}
OUT=${OUT:-target/cost}
WARMUP=${WARMUP:-3}
RUNS=${RUNS:-5}

[ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package
mkdir -p "$OUT"
LOG="$OUT/server.log"
java $HEAP -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "server died; see $LOG" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "not ready after 300 s" >&2; exit 1; }

{
  echo "cost run $(date -u +%FT%TZ), $HEAP, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), warmup $WARMUP, runs $RUNS"
  java -Dwarmup="$WARMUP" -Druns="$RUNS" bench/cost/RequestCost.java "$PID" "http://127.0.0.1:$PORT/fhir" "$@"
  echo "error_lines_in_log=$(grep -c ' ERROR ' "$LOG" || true)"
} | tee "$OUT/summary.txt"
