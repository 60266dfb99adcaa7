#!/usr/bin/env bash
# What a new user sees, checked in headless Chromium against the built jar (it builds nothing: run
# mvn package first); installs Debian's chromium if it is missing (as root). Three pages, each with a
# screenshot under target/ and its DOM after the scripts ran:
#   1. Swagger UI on POST /Claim/$validate-claim with the example claims
#      (target/swagger-ui.png, target/swagger-ui.html)
#   2. a $lookup opened in the browser: HAPI's highlighted page, styled and scripted under its
#      Content-Security-Policy (target/lookup-page.png, target/lookup-page.html)
#   3. the audit report of 1,000 generated claims (target/audit-report.png, target/audit/summary.html)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR="$ROOT/target/dermcode-server.jar"
[ -f "$JAR" ] || { echo "browser-check: $JAR is missing; run mvn package first" >&2; exit 2; }

CHROMIUM="$(command -v chromium || true)"
if [ -z "$CHROMIUM" ]; then
  echo "browser-check: installing chromium from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium > /dev/null
  CHROMIUM="$(command -v chromium)"
fi

# a free port
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}"
BASE="http://localhost:${PORT}"
LOG="$ROOT/target/browser-check-server.log"
CHROMIUM_LOG="$ROOT/target/browser-check-chromium.log"
PROFILE_DIR="$(mktemp -d)"
: > "$CHROMIUM_LOG"

java -XX:-DontCompileHugeMethods -jar "$JAR" --server.port="$PORT" > "$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$PROFILE_DIR"
}
trap cleanup EXIT

ready=""
for _ in $(seq 1 180); do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "browser-check: the server exited" >&2; tail -n 40 "$LOG" >&2; exit 1; }
  if curl -sf -o /dev/null "$BASE/fhir/metadata"; then ready=yes; break; fi
  sleep 1
done
[ -n "$ready" ] || { echo "browser-check: server not up after 180 s" >&2; exit 1; }

FLAGS=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-quic --no-first-run
       --disable-component-update --disable-sync --disable-dev-shm-usage --hide-scrollbars
       --user-data-dir="$PROFILE_DIR" --virtual-time-budget=15000 --enable-logging=stderr --v=0)
# shot NAME URL HEIGHT: target/NAME.png and target/NAME.html (the DOM after scripts ran)
shot() {
  rm -f "$ROOT/target/$1.png" "$ROOT/target/$1.html"
  timeout 120 "$CHROMIUM" "${FLAGS[@]}" --window-size="1280,$3" --screenshot="$ROOT/target/$1.png" "$2" \
    >> "$CHROMIUM_LOG" 2>&1 || true
  timeout 120 "$CHROMIUM" "${FLAGS[@]}" --dump-dom "$2" > "$ROOT/target/$1.html" 2>> "$CHROMIUM_LOG" || true
}
fail=0
check() { # check DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@"; then echo "browser-check: ok   $what"; else echo "browser-check: FAIL $what" >&2; fail=1; fi
}
has_png() { [ -s "$ROOT/target/$1.png" ]; }

# 1. Swagger UI, deep-linked to the $validate-claim operation (Swagger UI opens it and shows the
#    request body's examples; the first, a clean claim, is selected)
shot swagger-ui "$BASE/fhir/swagger-ui/?page=Claim#/Claim/post_Claim__validate_claim" 2000
check "Swagger UI screenshot" has_png swagger-ui
check "Swagger UI rendered" grep -q 'swagger-ui' "$ROOT/target/swagger-ui.html"
check "the \$validate-claim operation is listed and open" \
  grep -qF 'opblock-post is-open' "$ROOT/target/swagger-ui.html"
check "its example is a real claim (derm-claim-01)" grep -qF 'derm-claim-01' "$ROOT/target/swagger-ui.html"
check "the faulty example is offered too" grep -qF 'Faulty: ' "$ROOT/target/swagger-ui.html"

# 2. a $lookup in the browser: HAPI's page with its stylesheet and script allowed by hash
LOOKUP="$BASE/fhir/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=11102"
shot lookup-page "$LOOKUP" 1400
CSP="$(curl -sS -o /dev/null -D - -H 'Accept: text/html' "$LOOKUP" | tr -d '\r' | sed -n 's/^Content-Security-Policy: //Ip')"
check "lookup page screenshot" has_png lookup-page
check "the page's policy allows its style and script by hash, not unsafe-inline" \
  bash -c '[[ "$1" == *"style-src '"'"'sha256-"* && "$1" == *"script-src '"'"'sha256-"* && "$1" != *unsafe-inline* ]]' _ "$CSP"
check "HAPI's script ran (it marks dates)" grep -qF 'class="dateTime"' "$ROOT/target/lookup-page.html"
# the page's per-line onclick handlers stay blocked (hashes do not cover event handlers; the
# line links change the #fragment, which the page's script follows, so line highlighting still works)
check "no inline style or script element was refused" \
  bash -c '! grep -E "(Applying inline style|Executing inline script) violates" "$1"' _ "$CHROMIUM_LOG"

# 3. the audit report of 1,000 generated claims
AUDIT="$ROOT/target/audit"
rm -rf "$AUDIT"; mkdir -p "$AUDIT"
java -jar "$JAR" audit --generate 1000 --out "$AUDIT/claims.ndjson" > "$AUDIT/generate.log" 2>&1
java -XX:-DontCompileHugeMethods -jar "$JAR" audit "$AUDIT/claims.ndjson" --out "$AUDIT" > "$AUDIT/audit.log" 2>&1 \
  || { echo "browser-check: the audit failed" >&2; cat "$AUDIT/audit.log" >&2; exit 1; }
shot audit-report "file://$AUDIT/summary.html" 3200
check "audit report screenshot" has_png audit-report
check "the report lists the claims with findings" grep -qF 'id="claims"' "$ROOT/target/audit-report.html"
check "rule ids link to their explanation" grep -qF 'href="#rule-MOD-25-MISSING"' "$ROOT/target/audit-report.html"
check "the audit log has no HAPI parse warning about its own files" \
  bash -c '! grep -q "Unknown element" "$1"' _ "$AUDIT/audit.log"

if [ "$fail" -ne 0 ]; then exit 1; fi
echo "browser-check: OK (screenshots target/swagger-ui.png, target/lookup-page.png, target/audit-report.png)"
