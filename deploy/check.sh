#!/usr/bin/env bash
# Checks deploy/kubernetes and the Dockerfile: kubectl kustomize renders the manifests, yamllint
# (if installed) and a schema check with kubernetes-models (deploy/validate-manifests.mjs) accept
# them, and dockerfilelint accepts the Dockerfile. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/target/deploy"
mkdir -p "$OUT"

(cd "$ROOT/deploy" && npm ci --no-audit --no-fund --loglevel=error)

if ! command -v kubectl > /dev/null; then
  if command -v apt-get > /dev/null && apt-cache show kubectl > /dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl > /dev/null
  fi
fi
if command -v kubectl > /dev/null; then
  kubectl kustomize "$ROOT/deploy/kubernetes" > "$OUT/manifests.yaml"
  echo "deploy/check: kubectl kustomize OK ($(grep -c '^kind:' "$OUT/manifests.yaml") resources)"
else
  echo "deploy/check: kubectl not found and no Debian package for it; validating the files one by one"
  : > "$OUT/manifests.yaml"
  for f in deployment service hpa; do
    cat "$ROOT/deploy/kubernetes/$f.yaml" >> "$OUT/manifests.yaml"; echo '---' >> "$OUT/manifests.yaml"
  done
fi

if ! command -v yamllint > /dev/null && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq yamllint > /dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq yamllint > /dev/null; } || true
fi
if command -v yamllint > /dev/null; then
  yamllint -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}' \
    "$ROOT/deploy/kubernetes"
  echo "deploy/check: yamllint OK"
else
  echo "deploy/check: yamllint not installed (apt-get install yamllint); skipped"
fi

node "$ROOT/deploy/validate-manifests.mjs" "$OUT/manifests.yaml"

(cd "$ROOT/deploy" && npx --no-install dockerfilelint "$ROOT/Dockerfile")
echo "deploy/check: dockerfilelint OK"
