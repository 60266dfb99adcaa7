#!/usr/bin/env bash
# Runs the Postman collection with newman against the built jar (it builds nothing: run
# `mvn package` or `mvn verify` first). Starts target/dermcode-server.jar on $PORT (default 18090),
# waits for /fhir/metadata and /actuator/health/readiness, runs the collection with the JUnit
# reporter (target/newman/junit.xml), stops the server, and exits non-zero if any assertion fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT="${PORT:-18090}"
BASE="http://localhost:${PORT}"
JAR="$ROOT/target/dermcode-server.jar"
LOG="$ROOT/target/newman/server.log"

[ -f "$JAR" ] || { echo "postman/run.sh: $JAR is missing; run mvn package first" >&2; exit 2; }
if curl -s -o /dev/null "$BASE/actuator/health"; then
  echo "postman/run.sh: something already answers on port $PORT; set PORT" >&2; exit 2
fi
mkdir -p "$ROOT/target/newman"

(cd "$ROOT/postman" && npm ci --no-audit --no-fund --loglevel=error)

# -XX:-DontCompileHugeMethods as the README recommends: the profile validator's huge methods get compiled
java -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$PORT" > "$LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT

echo "postman/run.sh: waiting for the server on port $PORT (log: $LOG)"
ready=""
for _ in $(seq 1 180); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "postman/run.sh: the server exited; last lines of its log:" >&2; tail -n 40 "$LOG" >&2; exit 1
  fi
  if curl -sf -o /dev/null "$BASE/fhir/metadata" \
      && curl -sf "$BASE/actuator/health/readiness" | grep -q '"status":"UP"'; then
    ready=yes; break
  fi
  sleep 1
done
[ -n "$ready" ] || { echo "postman/run.sh: not ready after 180 s" >&2; tail -n 40 "$LOG" >&2; exit 1; }

cd "$ROOT/postman"
npx --no-install newman run dermcode.postman_collection.json \
  -e local.postman_environment.json \
  --env-var "baseUrl=${BASE}/fhir" \
  --reporters cli,junit \
  --reporter-junit-export "$ROOT/target/newman/junit.xml" \
  --color off
