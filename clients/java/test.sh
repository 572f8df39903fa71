#!/usr/bin/env bash
# Tests the Java client: installs Debian's JDK, protoc, grpc-java plugin, grpc-java jars,
# JUnit 5 and openssl (the TLS tests' certificates) when missing, builds the server in Release
# if needed, builds the client with plain javac (build.sh), then runs the JUnit 5 tests (unit tests, and tests against a real server
# process). Last line: "N passed, N failed"; exits non-zero when a test failed or none ran.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
source deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0
failed=0
summary_printed=""
finish() {
  local status=$?
  [[ -n "$summary_printed" ]] || echo "$passed passed, $failed failed"
  exit "$status"
}
trap finish EXIT

section() { printf '\n== %s ==\n' "$*"; }

section "Prerequisites"
mapfile -t missing < <(kpi_missing_packages)
# The TLS tests make their certificates with openssl.
command -v openssl >/dev/null || missing+=(openssl)
if ((${#missing[@]} > 0)); then
  sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  echo "apt-get install ${missing[*]}"
  apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "$(javac -version 2>&1), $(protoc --version), grpc-java $(basename "$(readlink -f /usr/share/java/grpc-core.jar)" .jar)"

dll="$root/src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll"
if [[ ! -f "$dll" ]]; then
  section "Build the server (Release)"
  command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
  dotnet build -c Release "$root/src/KpiGrpc.Server"
fi

section "Build the client (generate.sh, javac)"
if ! bash build.sh; then
  failed=1
  exit 1
fi
junit_api="$(kpi_classpath junit-jupiter-api opentest4j apiguardian-api)"
rm -rf build/test-classes build/test-reports
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d build/test-classes \
  -cp "$(cat build/classpath):$junit_api" $(find src/test/java -name '*.java') || { failed=1; exit 1; }

section "JUnit 5"
log="$(mktemp)"
set +e
java -jar "$KPI_JUNIT_LAUNCHER" --disable-banner --disable-ansi-colors --details=tree \
  --class-path "build/test-classes:$(cat build/classpath)" --scan-class-path build/test-classes \
  --reports-dir build/test-reports "$@" 2>&1 | tee "$log"
junit_status=${PIPESTATUS[0]}
set -e

# The launcher's summary: "[ 9 tests successful ]", "[ 0 tests failed ]". A class whose
# @BeforeAll failed is a failed container whose tests never ran: count it as a failure.
count() {
  local n
  n=$(sed -nE "s/^\[ *([0-9]+) $1 *\]$/\1/p" "$log" | tail -1)
  echo "${n:-0}"
}
passed=$(count "tests successful")
failed=$(($(count "tests failed") + $(count "containers failed")))
rm -f "$log"
# A crashed launcher prints no summary: count it as a failure.
if ((junit_status != 0 && failed == 0)); then
  failed=1
fi

no_test=""
if ((passed + failed == 0)); then
  no_test=1
  echo "test.sh: no Java test ran" >&2
fi
echo "$passed passed, $failed failed"
summary_printed=1
if ((failed > 0 || junit_status != 0)) || [[ -n "$no_test" ]]; then
  exit 1
fi
