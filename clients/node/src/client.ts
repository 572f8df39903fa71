import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import type { IngestServiceClient } from './generated/kpi/v1/IngestService';
import type { KpiServiceClient } from './generated/kpi/v1/KpiService';
import type { QueryKpisResponse__Output as QueryResponse } from './generated/kpi/v1/QueryKpisResponse';
import type { RecordAppointmentResultsResponse__Output as ResultsResponse } from './generated/kpi/v1/RecordAppointmentResultsResponse';
import type { RecordCallsResponse__Output as CallsResponse } from './generated/kpi/v1/RecordCallsResponse';
import type { RecordSessionsResponse__Output as SessionsResponse } from './generated/kpi/v1/RecordSessionsResponse';
import { toKpiRow, type KpiRow } from './groups';
import { kpiProto } from './proto';
import {
  fromBatchAck,
  toAppointmentResultMessage,
  toCallRecord,
  toOperatorSession,
  type AppointmentResult,
  type BatchAck,
  type Call,
  type ImportAck,
  type ImportBatch,
  type Session,
} from './records';
import {
  fromWatchKpisResponse,
  toGrpcOptions,
  toQueryKpisRequest,
  toWatchKpisRequest,
  type CallOptions,
  type QueryRequest,
  type WatchEvent,
  type WatchRequest,
} from './requests';
import { cancelOnAbort, duplex, readAll, wholeEvents } from './streams';

export interface KpiClientOptions {
  /** Defaults to plaintext (grpc.credentials.createInsecure()); not with rootCertificates or a client certificate. */
  credentials?: grpc.ChannelCredentials;
  channelOptions?: grpc.ChannelOptions;
  /**
   * Sent as `authorization: Bearer <key>` on every call, over TLS or plaintext (see the server's
   * keys file), e.g. `process.env.KPI_API_KEY`.
   */
  apiKey?: string;
  /** TLS trusting only these CAs: PEM contents (Buffer) or the path of a PEM file. */
  rootCertificates?: Buffer | string;
  /**
   * TLS presenting this certificate (chain) to a server that asks for one (mutual TLS,
   * `--tls-client-ca`): PEM contents or a path; give `clientKey` with it.
   */
  clientCertificate?: Buffer | string;
  /** The unencrypted private key of `clientCertificate`: PEM contents or a path. */
  clientKey?: Buffer | string;
}

function pem(value: Buffer | string): Buffer {
  return typeof value === 'string' ? readFileSync(value) : value;
}

function channelCredentials(options: KpiClientOptions): grpc.ChannelCredentials {
  const { rootCertificates, clientCertificate, clientKey } = options;
  if ((clientCertificate === undefined) !== (clientKey === undefined)) {
    throw new Error('clientCertificate and clientKey go together');
  }
  if (rootCertificates === undefined && clientCertificate === undefined) {
    return options.credentials ?? grpc.credentials.createInsecure();
  }
  if (options.credentials !== undefined) {
    throw new Error('give rootCertificates and clientCertificate, or credentials, not both');
  }
  return grpc.credentials.createSsl(
    rootCertificates === undefined ? null : pem(rootCertificates),
    clientKey === undefined ? null : pem(clientKey),
    clientCertificate === undefined ? null : pem(clientCertificate),
  );
}

/**
 * Adds the key to every call with an interceptor: gRPC's call credentials
 * (createFromMetadataGenerator) would be refused on a plaintext channel.
 */
function withApiKey(channelOptions: grpc.ChannelOptions | undefined, apiKey: string | undefined): grpc.ClientOptions {
  if (apiKey === undefined) {
    return { ...channelOptions };
  }
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new Error('apiKey must be non-empty printable ASCII without spaces or line breaks');
  }
  const bearer: grpc.Interceptor = (callOptions, nextCall) =>
    new grpc.InterceptingCall(nextCall(callOptions), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${apiKey}`);
        next(metadata, listener);
      },
    });
  return { ...channelOptions, interceptors: [bearer] };
}

/** Batches to import: an array, a generator, or an async generator reading a file. */
export type BatchSource<T> = Iterable<ImportBatch<T>> | AsyncIterable<ImportBatch<T>>;

type Callback<T> = grpc.requestCallback<T>;

/** A typed client of kpi.v1.IngestService and kpi.v1.KpiService over one channel. */
export class KpiClient {
  readonly #ingest: IngestServiceClient;
  readonly #kpis: KpiServiceClient;

  /** `address` is host:port, e.g. "127.0.0.1:5051". */
  constructor(address: string, options: KpiClientOptions = {}) {
    const proto = kpiProto().kpi.v1;
    const credentials = channelCredentials(options);
    const clientOptions = withApiKey(options.channelOptions, options.apiKey);
    this.#ingest = new proto.IngestService(address, credentials, clientOptions);
    this.#kpis = new proto.KpiService(address, credentials, {
      ...clientOptions,
      channelOverride: this.#ingest.getChannel(),
    });
  }

  /** Stores a batch of calls (at most 50,000); invalid ones come back as rejections. */
  async recordCalls(calls: Iterable<Call>, options: CallOptions = {}): Promise<BatchAck> {
    const request = { calls: Array.from(calls, toCallRecord) };
    const response = await this.#unary(options, (md, o, cb: Callback<CallsResponse>) =>
      this.#ingest.recordCalls(request, md, o, cb),
    );
    return fromBatchAck(response.ack);
  }

  /** Stores a batch of appointment results. */
  async recordAppointmentResults(
    results: Iterable<AppointmentResult>,
    options: CallOptions = {},
  ): Promise<BatchAck> {
    const request = { results: Array.from(results, toAppointmentResultMessage) };
    const response = await this.#unary(options, (md, o, cb: Callback<ResultsResponse>) =>
      this.#ingest.recordAppointmentResults(request, md, o, cb),
    );
    return fromBatchAck(response.ack);
  }

  /** Stores a batch of operator sessions. */
  async recordSessions(sessions: Iterable<Session>, options: CallOptions = {}): Promise<BatchAck> {
    const request = { sessions: Array.from(sessions, toOperatorSession) };
    const response = await this.#unary(options, (md, o, cb: Callback<SessionsResponse>) =>
      this.#ingest.recordSessions(request, md, o, cb),
    );
    return fromBatchAck(response.ack);
  }

  /**
   * Streams numbered batches of calls; yields one ack per batch, in order, once stored. The
   * call starts with the first iteration.
   */
  async *importCalls(batches: BatchSource<Call>, options: CallOptions = {}): AsyncGenerator<ImportAck> {
    const call = this.#ingest.importCalls(options.metadata ?? new grpc.Metadata(), toGrpcOptions(options));
    const requests = mapBatches(batches, ({ batchId, records }) => ({
      batchId,
      calls: records.map(toCallRecord),
    }));
    yield* acks(duplex(call, requests, options.signal));
  }

  /** Streams numbered batches of appointment results; yields one ack per batch. */
  async *importAppointmentResults(
    batches: BatchSource<AppointmentResult>,
    options: CallOptions = {},
  ): AsyncGenerator<ImportAck> {
    const call = this.#ingest.importAppointmentResults(
      options.metadata ?? new grpc.Metadata(),
      toGrpcOptions(options),
    );
    const requests = mapBatches(batches, ({ batchId, records }) => ({
      batchId,
      results: records.map(toAppointmentResultMessage),
    }));
    yield* acks(duplex(call, requests, options.signal));
  }

  /** Streams numbered batches of operator sessions; yields one ack per batch. */
  async *importSessions(batches: BatchSource<Session>, options: CallOptions = {}): AsyncGenerator<ImportAck> {
    const call = this.#ingest.importSessions(options.metadata ?? new grpc.Metadata(), toGrpcOptions(options));
    const requests = mapBatches(batches, ({ batchId, records }) => ({
      batchId,
      sessions: records.map(toOperatorSession),
    }));
    yield* acks(duplex(call, requests, options.signal));
  }

  /**
   * KPIs for a range, one row per group (and period) with any call or logged time. Follows the
   * server's pages (`pageSize` groups each) to the last; each page is a call of its own.
   */
  async queryKpis(request: QueryRequest, options: CallOptions = {}): Promise<KpiRow[]> {
    const message = toQueryKpisRequest(request);
    const rows: KpiRow[] = [];
    do {
      const response = await this.#unary(options, (md, o, cb: Callback<QueryResponse>) =>
        this.#kpis.queryKpis(message, md, o, cb),
      );
      rows.push(...response.groups.map((group) => toKpiRow(group, request.groupBy ?? [])));
      message.pageToken = response.nextPageToken;
    } while (message.pageToken);
    return rows;
  }

  /**
   * A snapshot of every group, then updates of the changed ones, until you break or abort. An
   * event the server splits into several messages (none over 4 MB) comes as one event.
   */
  async *watchKpis(request: WatchRequest, options: CallOptions = {}): AsyncGenerator<WatchEvent> {
    const metadata = options.metadata ?? new grpc.Metadata();
    const call = this.#kpis.watchKpis(toWatchKpisRequest(request), metadata, toGrpcOptions(options));
    for await (const response of wholeEvents(readAll(call, options.signal))) {
      yield fromWatchKpisResponse(response, request.groupBy);
    }
  }

  /** Closes the channel; calls in flight are cancelled. */
  close(): void {
    this.#ingest.close();
  }

  #unary<T>(
    options: CallOptions,
    start: (
      metadata: grpc.Metadata,
      options: grpc.CallOptions,
      callback: Callback<T>,
    ) => grpc.ClientUnaryCall,
  ): Promise<T> {
    options.signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const metadata = options.metadata ?? new grpc.Metadata();
      const call = start(metadata, toGrpcOptions(options), (error, response) => {
        unhook();
        if (options.signal?.aborted) {
          reject(options.signal.reason);
        } else if (error || response === undefined) {
          reject(error ?? new Error('The server sent no response'));
        } else {
          resolve(response);
        }
      });
      const unhook = cancelOnAbort(call, options.signal);
    });
  }
}

async function* mapBatches<T, R>(
  batches: BatchSource<T>,
  map: (batch: ImportBatch<T>) => R,
): AsyncGenerator<R> {
  for await (const batch of batches) {
    yield map(batch);
  }
}

async function* acks(
  responses: AsyncIterable<{ batchId: number; ack: Parameters<typeof fromBatchAck>[0] }>,
): AsyncGenerator<ImportAck> {
  for await (const response of responses) {
    yield { batchId: response.batchId, ack: fromBatchAck(response.ack) };
  }
}
