#!/usr/bin/env bash
# Tests the Go client: installs Debian's Go toolchain, protoc and Go gRPC libraries when
# missing, builds the server in Release if needed, checks that the generated code matches
# the protos, runs `go test ./... -v` offline and ends with "N passed, N failed" counted
# from the --- PASS / --- FAIL lines. Exits non-zero when a check failed or no test ran.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

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
# golang-github-golang-protobuf-1-5-dev: grpc accepts 1-3 or 1-5, and only 1.5 (built on
# google.golang.org/protobuf) can marshal the messages protoc-gen-go generates today.
packages=(golang-go protobuf-compiler libprotobuf-dev protoc-gen-go protoc-gen-go-grpc
  golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  echo "apt-get install ${missing[*]}"
  apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "$(go version), $(protoc --version), protoc-gen-go $(protoc-gen-go --version | awk '{print $2}')"

dll="$root/src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll"
if [[ ! -f "$dll" ]]; then
  section "Build the server (Release)"
  command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build -c Release "$root/src/KpiGrpc.Server"
fi

# Two checks besides the tests, counted like them: the committed generated code matches
# the protos, and go vet passes on every package (which also builds the example).
check() {
  section "$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
check "Generated code up to date" bash generate.sh --check
check "go vet ./..." bash offline-go.sh vet ./...
checks=2

section "go test ./... -v"
log="$(mktemp)"
set +e
bash offline-go.sh test -count=1 ./... -v 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
set -e
passed=$((passed + $(grep -cE '^\s*--- PASS' "$log" || true)))
test_failed=$(grep -cE '^\s*--- FAIL' "$log" || true)
# A build error or a panic fails a package without a --- FAIL line: count it.
if ((test_status != 0 && test_failed == 0)); then
  test_failed=1
fi
failed=$((failed + test_failed))
rm -f "$log"

no_test=""
if ((passed + failed - checks <= 0)); then
  no_test=1
  echo "test.sh: no Go test ran" >&2
fi
echo "$passed passed, $failed failed"
summary_printed=1
if ((failed > 0 || test_status != 0)) || [[ -n "$no_test" ]]; then
  exit 1
fi
