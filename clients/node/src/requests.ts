// Query and watch requests with Dates and short names, and their mapping to the wire types.
import type * as grpc from '@grpc/grpc-js';
import type { KpiFilter } from './generated/kpi/v1/KpiFilter';
import type { QueryKpisRequest } from './generated/kpi/v1/QueryKpisRequest';
import type { WatchKpisRequest } from './generated/kpi/v1/WatchKpisRequest';
import type { WatchKpisResponse__Output } from './generated/kpi/v1/WatchKpisResponse';
import { toKpiRow, type KpiRow } from './groups';
import {
  currentPeriod,
  granularity,
  groupDimension,
  watchEventKindName,
  type CurrentPeriodName,
  type DimensionName,
  type GranularityName,
  type WatchEventKindName,
} from './names';
import { fromTimestamp, toDuration, toTimestamp, type DateLike } from './timestamps';

export type { KpiFilter };

/** Per-call options. */
export interface CallOptions {
  /** Absolute deadline (Date) or milliseconds from now (number). */
  deadline?: Date | number;
  /** Aborting cancels the call; the promise or iterator then rejects with the abort reason. */
  signal?: AbortSignal;
  metadata?: grpc.Metadata;
}

/** Which records count and how they are grouped. */
export interface Selection {
  /** Empty lists mean "all". */
  filter?: KpiFilter;
  /** No dimension gives one total group. */
  groupBy?: DimensionName[];
  granularity?: GranularityName;
  /** IANA time zone for periods, e.g. "Europe/Paris"; UTC when empty. */
  timeZone?: string;
}

/** Groups per QueryKpis page when the request does not say: the most the server gives in one page. */
export const defaultPageSize = 10_000;

/** KPIs over [from, to); both on 15-minute boundaries. */
export interface QueryRequest extends Selection {
  from: DateLike;
  to: DateLike;
  /** Groups per call; queryKpis follows the pages to the last. Default `defaultPageSize`. */
  pageSize?: number;
}

/** A live subscription: an open range `since` an instant, or the current day, week or month. */
export type WatchRequest = Selection &
  ({ since: DateLike; currentPeriod?: never } | { currentPeriod: CurrentPeriodName; since?: never }) & {
    /** How long the server gathers changes before sending them (10 ms to 60 s; 250 ms default). */
    coalesceMs?: number;
  };

/** One event of a watch: all groups (snapshot) or the changed ones (update), even when the server split it into several messages. */
export interface WatchEvent {
  kind: WatchEventKindName | undefined;
  windowStart: Date | undefined;
  /** Undefined for an open-ended window. */
  windowEnd: Date | undefined;
  computedAt: Date | undefined;
  groups: KpiRow[];
}

export function toGrpcOptions(options: CallOptions): grpc.CallOptions {
  const { deadline } = options;
  return deadline === undefined
    ? {}
    : { deadline: typeof deadline === 'number' ? Date.now() + deadline : deadline };
}

function toSelection(request: Selection) {
  return {
    filter: request.filter ?? null,
    groupBy: (request.groupBy ?? []).map(groupDimension),
    granularity: request.granularity ? granularity(request.granularity) : 'GRANULARITY_UNSPECIFIED',
    timeZone: request.timeZone ?? '',
  };
}

export function toQueryKpisRequest(request: QueryRequest): QueryKpisRequest {
  return {
    ...toSelection(request),
    from: toTimestamp(request.from),
    to: toTimestamp(request.to),
    pageSize: request.pageSize ?? defaultPageSize,
  };
}

export function toWatchKpisRequest(request: WatchRequest): WatchKpisRequest {
  return {
    ...toSelection(request),
    ...(request.since !== undefined
      ? { since: toTimestamp(request.since) }
      : { currentPeriod: currentPeriod(request.currentPeriod) }),
    ...(request.coalesceMs === undefined ? {} : { coalesceInterval: toDuration(request.coalesceMs) }),
  };
}

export function fromWatchKpisResponse(
  response: WatchKpisResponse__Output,
  groupBy: readonly DimensionName[] = [],
): WatchEvent {
  return {
    kind: watchEventKindName(response.kind),
    windowStart: fromTimestamp(response.windowStart),
    windowEnd: fromTimestamp(response.windowEnd),
    computedAt: fromTimestamp(response.computedAt),
    groups: response.groups.map((group) => toKpiRow(group, groupBy)),
  };
}
