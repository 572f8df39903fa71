#!/usr/bin/env bash
# Installs what is missing (Node, openssl for the TLS tests' certificates, npm packages, the
# Release server), builds, runs every test with node's test runner, and ends with "N passed, N failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
if ! command -v openssl >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq openssl >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/proto-loader-gen-types ]; then
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -f "$root/src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll" ]; then
  dotnet build -c Release "$root/src/KpiGrpc.Server" || { echo "0 passed, 1 failed"; exit 1; }
fi
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
node --test --test-reporter=tap --test-timeout=120000 dist/test/*.test.js | tee "$log"
status=${PIPESTATUS[0]}

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # The runner itself failed (a crash outside any test).
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
