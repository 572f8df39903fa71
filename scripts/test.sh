#!/usr/bin/env bash
# The test command of the README: installs what the tests need, builds the solution in
# Release with warnings as errors, runs every test project and ends with one summary line,
# "N passed, N failed" (", N skipped" when some were skipped), read from the TRX files.
# Exits non-zero when a test failed, the runner failed, or no test ran.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

solution=KpiGrpc.sln
results_dir=TestResults
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

section() { printf '\n== %s ==\n' "$*"; }

# Whatever happens, the last line printed is the summary (CI reads it).
summary=""
finish() {
  local status=$?
  if [[ -z "$summary" ]]; then
    echo "test.sh: stopped before the tests ran (exit $status)" >&2
    summary="0 passed, 0 failed"
  fi
  echo "$summary"
  exit "$status"
}
trap finish EXIT

section "Prerequisites"

# System packages the tests need: one `need_apt <command> <debian package>` line each.
# Installed only when the command is missing.
apt_missing=()
need_apt() { command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2"); }
# need_apt sqlite3 sqlite3
if ((${#apt_missing[@]} > 0)); then
  sudo_cmd=()
  ((EUID == 0)) || sudo_cmd=(sudo)
  echo "apt-get install ${apt_missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
# buf comes from npm (package.json); tests that lint or compile protos use it.
if [[ ! -x node_modules/.bin/buf ]]; then
  command -v npm >/dev/null || { echo "test.sh: Node 20 (npm) is required for buf" >&2; exit 1; }
  npm ci --no-audit --no-fund
fi
echo "dotnet $(dotnet --version), node $(node --version 2>/dev/null || echo missing)"

section "Build ($solution, Release, warnings as errors)"
dotnet restore "$solution"
dotnet build "$solution" -c Release --no-restore -warnaserror

section "Test"
rm -rf "$results_dir"
set +e
dotnet test "$solution" -c Release --no-build --logger trx --results-directory "$results_dir"
test_status=$?
set -e

section "Summary"
# Count each test result by its outcome; a test project without tests adds nothing.
passed=0 failed=0 skipped=0 files=0
shopt -s nullglob globstar
for trx in "$results_dir"/**/*.trx; do
  files=$((files + 1))
  while read -r outcome; do
    case "$outcome" in
      Passed) passed=$((passed + 1)) ;;
      NotExecuted | Inconclusive) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*>' "$trx" | sed -n 's/.* outcome="\([A-Za-z]*\)".*/\1/p')
done
echo "$files TRX file(s) in $results_dir/, dotnet test exit code $test_status: $passed passed, $failed failed, $skipped skipped"

# Each client's own test script installs its toolchain, tests against the real server (the
# Release build above) and ends with "N passed, N failed"; its counts join the total.
client_status=0
for client in python node go java; do
  section "Client: $client (clients/$client/test.sh)"
  set +e
  bash "clients/$client/test.sh" 2>&1 | tee "$results_dir/client-$client.log"
  status=${PIPESTATUS[0]}
  set -e
  last=$(tail -n 1 "$results_dir/client-$client.log")
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    echo "test.sh: clients/$client/test.sh ended without a summary line" >&2
    failed=$((failed + 1))
  fi
  if ((status != 0)); then
    echo "test.sh: clients/$client/test.sh failed (exit $status)" >&2
    client_status=1
  fi
done

line="$passed passed, $failed failed"
((skipped == 0)) || line+=", $skipped skipped"

status=0
if ((failed > 0 || client_status != 0)); then
  status=1
elif ((test_status != 0)); then
  echo "test.sh: dotnet test failed (exit $test_status) although no test result failed" >&2
  status=1
elif ((passed == 0)); then
  echo "test.sh: no test ran" >&2
  status=1
fi
summary=$line
exit "$status"
