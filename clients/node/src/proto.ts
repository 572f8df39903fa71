import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as IngestProto } from './generated/ingest';
import type { ProtoGrpcType as KpisProto } from './generated/kpis';

// generate.sh copies ../../protos here; from dist/src/ it is two levels up.
const protoDir = path.resolve(__dirname, '..', '..', 'proto');

// Must match the flags generate.sh passes to proto-loader-gen-types, or the types lie.
const loaderOptions: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoDir],
};

export type KpiProto = IngestProto & KpisProto;

let loaded: KpiProto | undefined;

/** The kpi.v1 package, loaded once from the bundled .proto files. */
export function kpiProto(): KpiProto {
  loaded ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(['kpi/v1/ingest.proto', 'kpi/v1/kpis.proto'], loaderOptions),
  ) as unknown as KpiProto;
  return loaded;
}
