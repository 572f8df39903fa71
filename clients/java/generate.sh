#!/usr/bin/env bash
# Regenerates the Java code of the kpi.v1 contract from ../../protos, the only source of truth,
# into build/generated/ (not committed: build.sh runs this script before compiling).
# Messages come from protoc --java_out, stubs from Debian's grpc-java plugin (1.41.3), whose
# output matches the grpc-java runtime in /usr/share/java.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="$here/../../protos"
out="$here/build/generated"

rm -rf "$out"
mkdir -p "$out"
protoc -I "$protos" \
  --java_out="$out" \
  --plugin=protoc-gen-grpc-java=/usr/bin/grpc_java_plugin --grpc-java_out="$out" \
  "$protos"/kpi/v1/*.proto
echo "generated $(find "$out" -name '*.java' | wc -l) Java files into ${out#"$here"/}"
