#!/usr/bin/env bash
# Server CPU of one `kpi compute`, two server builds in turn (A B A B ...): what ComputeKpis' counting
# costs, compared where wall time cannot be (a shared machine). For each build and round: start the
# server on a free loopback port, warm it up on the first million lines, then read the server's user+sys
# CPU (/proc/PID/stat) before and after `kpi compute FILE`; the summed dialed column must equal the lines.
#   bash bench/compare-server-cpu.sh A_SERVER_DLL B_SERVER_DLL KPI_DLL CALLS_CSV [ROUNDS]
# A calls CSV: the one `dotnet run -c Release --project bench/KpiGrpc.Bench -- compute` writes to the temp folder.
set -euo pipefail
a_dll=$1 b_dll=$2 kpi=$3 file=$4 rounds=${5:-5}
tck=$(getconf CLK_TCK)
lines=$(($(wc -l <"$file") - 1))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n 1000001 "$file" >"$work/warm.csv"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # label server_dll
  local port data pid before after started ended dialed
  port=$(free_port) data=$(mktemp -d -p "$work")
  dotnet "$2" --urls "http://127.0.0.1:$port" --data-dir "$data" >"$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do curl -s -o /dev/null --http2-prior-knowledge "http://127.0.0.1:$port/" && break; sleep 0.2; done
  dotnet "$kpi" compute "$work/warm.csv" --server "http://127.0.0.1:$port" --group-by operator --format csv >/dev/null 2>&1
  before=$(cpu_ticks "$pid") started=$(date +%s.%N)
  dotnet "$kpi" compute "$file" --server "http://127.0.0.1:$port" --group-by operator --format csv --batch-size 20000 >"$data/out.csv" 2>/dev/null
  after=$(cpu_ticks "$pid") ended=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  dialed=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "dialed") c = i; next } { s += $c } END { print s }' "$data/out.csv")
  [[ $dialed == "$lines" ]] || { echo "$1: dialed $dialed, expected $lines" >&2; exit 1; }
  printf '%s server_cpu_s %.2f wall_s %.1f\n' "$1" "$(echo "($after - $before) / $tck" | bc -l)" "$(echo "$ended - $started" | bc -l)"
}

for round in $(seq "$rounds"); do
  echo "# round $round, load $(cut -d' ' -f1 /proc/loadavg)"
  measure A "$a_dll"
  measure B "$b_dll"
done
