#!/usr/bin/env bash
# Regenerates the TypeScript types (src/generated/) and the bundled .proto copy (proto/) from
# ../../protos, the only source of truth. Both outputs are build products: gitignored, never
# edited. The loader options in src/proto.ts must match the flags below.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="$here/../../protos"
cd "$here"

if [ ! -x node_modules/.bin/proto-loader-gen-types ]; then
  npm ci --no-audit --no-fund
fi

rm -rf proto src/generated
mkdir -p proto
cp -R "$protos/kpi" proto/

mapfile -t files < <(cd proto && find kpi -name '*.proto' | sort)
node_modules/.bin/proto-loader-gen-types \
  --grpcLib=@grpc/grpc-js --longs=Number --enums=String --defaults --oneofs \
  --includeComments -I proto -O src/generated "${files[@]}"
