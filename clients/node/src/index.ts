export { KpiClient, type BatchSource, type KpiClientOptions } from './client';
export type { CallOptions, KpiFilter, QueryRequest, Selection, WatchEvent, WatchRequest } from './requests';
export { defaultPageSize } from './requests';
export { kpiNames, toKpiRow, type KpiCounts, type KpiName, type KpiRow, type KpiValue, type Kpis } from './groups';
export * from './names';
export type {
  AppointmentResult,
  BatchAck,
  Call,
  ImportAck,
  ImportBatch,
  Rejection,
  Session,
} from './records';
export { fromTimestamp, toDuration, toTimestamp, type DateLike } from './timestamps';
export { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
