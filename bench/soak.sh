#!/usr/bin/env bash
# Load and soak test (issues 6, 13): starts the jar, drives $lookup, versioned $lookup (version= and
# date=), $expand, $validate-code, $batch-validate-code (our content and a client's tx-resource)
# and Claim/$validate-claim (every example claim, CY2024-CY2026, the 2026 claims with repairs
# among them) at a fixed concurrency with wrk, and reports per operation the requests,
# 2xx / expected 4xx / unexpected counts and p50/p99 latency, the heap after a full GC after the
# warm-up and at the end, and the ERROR lines of the server log.
#
#   bench/soak.sh                       # 10 minutes, 2 connections per operation (12 in all)
#   DURATION=120 WARMUP=30 bench/soak.sh
#
# Settings (environment): PORT (18083), DURATION seconds (600), WARMUP seconds (60),
# CONNECTIONS per operation (2), JAR (target/dermcode-server.jar, built with mvn package if
# missing), HEAP (-Xmx512m), OUT (target/soak).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18083}
DURATION=${DURATION:-600}
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-2}
JAR=${JAR:-target/dermcode-server.jar}
HEAP=${HEAP:--Xmx512m}
OUT=${OUT:-target/soak}
OPS="lookup lookup-versioned expand validate-code validate-claim batch-validate-code"

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
[ -f "$JAR" ] || mvn -B -ntp -q -DskipTests package
mkdir -p "$OUT"
LOG="$OUT/server.log"

java $HEAP -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT

echo "server pid $PID on port $PORT; waiting for readiness"
for _ in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null; then break; fi
  kill -0 "$PID" 2>/dev/null || { echo "server died; see $LOG" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "not ready after 300 s" >&2; exit 1; }

heap_after_gc() {
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'
}

run_mix() { # seconds label
  local pids=()
  for op in $OPS; do
    wrk -t1 -c"$CONNECTIONS" -d"${1}s" --timeout 10s --latency -s "bench/soak/$op.lua" "http://127.0.0.1:$PORT" \
      >"$OUT/$2-$op.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
}

echo "warm-up ${WARMUP}s"
run_mix "$WARMUP" warmup
HEAP_WARM=$(heap_after_gc)
echo "heap after warm-up and full GC: ${HEAP_WARM}K"

echo "soak ${DURATION}s at $CONNECTIONS connections per operation"
START=$(date -u +%FT%TZ)
run_mix "$DURATION" soak
HEAP_END=$(heap_after_gc)
ERRORS=$(grep -c ' ERROR ' "$LOG" || true)
RSS=$(ps -o rss= -p "$PID" | tr -d ' ')

{
  echo "soak started $START, ${DURATION}s, $CONNECTIONS connections per operation, $HEAP, port $PORT"
  for op in $OPS; do grep '^RESULT' "$OUT/soak-$op.txt" || echo "RESULT op=$op missing (see $OUT/soak-$op.txt)"; done
  echo "heap_after_full_gc_warm_kb=$HEAP_WARM heap_after_full_gc_end_kb=$HEAP_END" \
    "change_pct=$(awk -v a="$HEAP_WARM" -v b="$HEAP_END" 'BEGIN{printf "%.1f", (b-a)*100/a}')"
  echo "rss_end_kb=$RSS error_lines_in_log=$ERRORS"
} | tee "$OUT/summary.txt"

UNEXPECTED=$(grep -o 'unexpected=[0-9]*' "$OUT/summary.txt" | awk -F= '{s+=$2} END{print s+0}')
[ "$UNEXPECTED" -eq 0 ] && [ "$ERRORS" -eq 0 ]
