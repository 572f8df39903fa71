#!/usr/bin/env bash
# Regenerates the protobuf and gRPC modules of kpigrpc from ../../protos, the only source of
# truth, into kpigrpc/_generated/kpi/v1/. The output is not committed (see .gitignore):
# test.sh runs this script each time, and so must anyone using the client from a clone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="$here/../../protos"
out="$here/kpigrpc/_generated"
# Debian's python3-grpc-tools lives in the system interpreter, not in a pyenv one.
python="${PYTHON:-/usr/bin/python3}"

rm -rf "$out"
mkdir -p "$out/kpi/v1"
"$python" -m grpc_tools.protoc \
  --proto_path="$protos" \
  --python_out="$out" \
  --grpc_python_out="$out" \
  "$protos"/kpi/v1/*.proto
# protoc writes `from kpi.v1 import records_pb2`: kpi and kpi.v1 become regular packages
# inside _generated, which kpigrpc/pb.py puts on sys.path.
touch "$out/kpi/__init__.py" "$out/kpi/v1/__init__.py"
echo "generated $(find "$out" -name '*_pb2*.py' | wc -l) modules into ${out#"$here"/}"
