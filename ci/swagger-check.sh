#!/usr/bin/env bash
# Checks in headless Chromium that /fhir/swagger-ui/ renders and lists the operation POST /Claim/$validate-claim.
# Builds nothing (run mvn package first); installs Debian's chromium if it is missing (as root).
# Leaves target/swagger-ui.png (screenshot) and target/swagger-ui.html (DOM after scripts ran).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR="$ROOT/target/dermcode-server.jar"
[ -f "$JAR" ] || { echo "swagger-check: $JAR is missing; run mvn package first" >&2; exit 2; }

CHROMIUM="$(command -v chromium || true)"
if [ -z "$CHROMIUM" ]; then
  echo "swagger-check: installing chromium and chromium-driver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver > /dev/null
  CHROMIUM="$(command -v chromium)"
fi

# a free port
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://localhost:${PORT}"
LOG="$ROOT/target/swagger-check-server.log"
PROFILE_DIR="$(mktemp -d)"

java -jar "$JAR" --server.port="$PORT" > "$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$PROFILE_DIR"
}
trap cleanup EXIT

ready=""
for _ in $(seq 1 180); do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "swagger-check: the server exited" >&2; tail -n 40 "$LOG" >&2; exit 1; }
  if curl -sf -o /dev/null "$BASE/fhir/metadata"; then ready=yes; break; fi
  sleep 1
done
[ -n "$ready" ] || { echo "swagger-check: server not up after 180 s" >&2; exit 1; }

FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-quic --no-first-run
       --disable-component-update --disable-sync --disable-dev-shm-usage --hide-scrollbars
       --user-data-dir="$PROFILE_DIR" --virtual-time-budget=15000)
# the Claim page of HAPI's Swagger UI (the title alone also mentions $validate-claim, so the check
# looks for the rendered operation block, not just the text)
URL="$BASE/fhir/swagger-ui/?page=Claim"

rm -f "$ROOT/target/swagger-ui.png" "$ROOT/target/swagger-ui.html"
timeout 120 "$CHROMIUM" "${FLAGS[@]}" --window-size=1280,2400 --screenshot="$ROOT/target/swagger-ui.png" "$URL" \
  > "$ROOT/target/swagger-check-chromium.log" 2>&1 || true
timeout 120 "$CHROMIUM" "${FLAGS[@]}" --dump-dom "$URL" > "$ROOT/target/swagger-ui.html" \
  2>> "$ROOT/target/swagger-check-chromium.log" || true

fail=0
if [ ! -s "$ROOT/target/swagger-ui.png" ]; then
  echo "swagger-check: FAIL no screenshot (see target/swagger-check-chromium.log)" >&2; fail=1
fi
if ! grep -q 'swagger-ui' "$ROOT/target/swagger-ui.html"; then
  echo "swagger-check: FAIL the page did not render Swagger UI" >&2; fail=1
fi
if ! grep -qF 'data-path="/Claim/$validate-claim"' "$ROOT/target/swagger-ui.html"; then
  echo "swagger-check: FAIL the rendered page does not list \$validate-claim" >&2; fail=1
fi
if [ "$fail" -ne 0 ]; then exit 1; fi
echo "swagger-check: OK: Swagger UI rendered and lists \$validate-claim (screenshot target/swagger-ui.png, $(stat -c %s "$ROOT/target/swagger-ui.png") bytes)"
