#!/usr/bin/env bash
# Regenerates the Go code of the kpi.v1 contract from ../../protos, the only source of truth.
#   bash generate.sh          writes kpi/v1/*.pb.go (committed; never edit them by hand)
#   bash generate.sh --check  fails when the committed files differ from a fresh generation
# Needs Debian's protobuf-compiler, protoc-gen-go and protoc-gen-go-grpc (test.sh installs them).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="$here/../../protos"
module=github.com/kpigrpc/kpigrpc/clients/go

generate() {
  local out=$1
  protoc -I "$protos" \
    --go_out="$out" --go_opt=module="$module" \
    --go-grpc_out="$out" --go-grpc_opt=module="$module" \
    "$protos"/kpi/v1/*.proto
}

if [[ "${1:-}" == "--check" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp"
  if ! diff -ru "$here/kpi/v1" "$tmp/kpi/v1"; then
    echo "generate.sh: kpi/v1 is out of date with the protos; run: bash clients/go/generate.sh" >&2
    exit 1
  fi
  echo "generate.sh: kpi/v1 is up to date"
else
  rm -f "$here"/kpi/v1/*.pb.go
  mkdir -p "$here/kpi/v1"
  generate "$here"
fi
