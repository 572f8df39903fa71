#!/usr/bin/env bash
# Tests of the Python client: installs Debian's python3-grpcio, -grpc-tools, -protobuf,
# -pytest and openssl (the TLS tests' certificates) when missing, builds the server in Release
# when its dll is missing, regenerates the kpi.v1 modules, runs pytest (unit tests, then tests against a real server process).
# The last line is always "N passed, N failed"; exits non-zero when a test failed or none ran.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
# Debian's packages live in the system interpreter; a pyenv python3 on PATH cannot see them.
export PYTHON="${PYTHON:-/usr/bin/python3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PYTHONDONTWRITEBYTECODE=1

summary=""
finish() {
  local status=$?
  [[ -n "$summary" ]] || summary="0 passed, 0 failed"
  echo "$summary"
  exit "$status"
}
trap finish EXIT

if ! "$PYTHON" -c "import grpc, grpc_tools, google.protobuf, pytest" 2>/dev/null || ! command -v openssl >/dev/null; then
  packages=(python3 python3-grpcio python3-grpc-tools python3-protobuf python3-pytest openssl)
  sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  echo "apt-get install ${packages[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

server_dll="$root/src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll"
if [[ ! -f "$server_dll" ]]; then
  echo "building the server (Release)"
  dotnet build -c Release "$root/src/KpiGrpc.Server"
fi

bash "$here/generate.sh"

results="$(mktemp -d)"
set +e
"$PYTHON" -m pytest -p no:cacheprovider --junitxml="$results/junit.xml" "$@"
pytest_status=$?
set -e

# Count from the JUnit report: a test with a <failure> or <error> failed, <skipped> neither.
read -r passed failed < <("$PYTHON" - "$results/junit.xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
try:
    cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
except (OSError, ET.ParseError):
    cases = []
for case in cases:
    tags = {child.tag for child in case}
    if tags & {"failure", "error"}:
        failed += 1
    elif "skipped" not in tags:
        passed += 1
print(passed, failed)
EOF
)
rm -rf "$results"

summary="$passed passed, $failed failed"
if ((pytest_status != 0 || failed > 0 || passed == 0)); then
  exit 1
fi
