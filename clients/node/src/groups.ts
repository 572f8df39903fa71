// KpiGroup messages as plain objects: Dates, numbers, short status names, absent KPIs undefined.
import type { KpiCounts__Output } from './generated/kpi/v1/KpiCounts';
import type { KpiGroup__Output } from './generated/kpi/v1/KpiGroup';
import type { KpiValue__Output } from './generated/kpi/v1/KpiValue';
import type { Kpis__Output } from './generated/kpi/v1/Kpis';
import { kpiStatusName, type DimensionName, type KpiStatusName } from './names';
import { kpiProto } from './proto';
import { fromTimestamp } from './timestamps';

/** listValidityRate, answerRate, ... abandonRate: the KPIs of kpi.v1.Kpis. */
export type KpiName = keyof Kpis__Output;

/** One KPI and how it compares with its benchmark. */
export interface KpiValue {
  /** A percentage for rates, seconds for durations, calls for callsPerHour. */
  value: number;
  status: KpiStatusName | undefined;
}

/** Every KPI of a group; undefined when its denominator is zero. */
export type Kpis = { [K in KpiName]: KpiValue | undefined };

/** The counts every KPI is computed from (kpi.v1.KpiCounts). */
export type KpiCounts = KpiCounts__Output;

/** One result row: the group's key (only the requested dimensions), counts and KPIs. */
export interface KpiRow {
  operatorId?: string;
  /** "" for calls without a team. */
  teamId?: string;
  campaignId?: string;
  periodStart?: Date;
  periodEnd?: Date;
  counts: KpiCounts;
  kpis: Kpis;
}

let names: readonly KpiName[] | undefined;

/**
 * The KPI names in the order of kpi.v1.Kpis, read from the loaded proto rather than listed here,
 * so that a KPI added to the proto reaches every row after generate.sh.
 */
export function kpiNames(): readonly KpiName[] {
  if (!names) {
    const message = kpiProto().kpi.v1.Kpis.type as { field: { name: KpiName }[] };
    names = message.field.map((field) => field.name);
  }
  return names;
}

const emptyCounts: KpiCounts = {
  dialed: 0,
  connected: 0,
  answered: 0,
  rejected: 0,
  pitched: 0,
  appointments: 0,
  sales: 0,
  dropped: 0,
  talkSeconds: 0,
  loggedHours: 0,
  loggedHoursEstimated: false,
};

function toKpiValue(value: KpiValue__Output | null | undefined): KpiValue | undefined {
  return value ? { value: value.value, status: kpiStatusName(value.status) } : undefined;
}

/**
 * A KpiGroup as a plain object. With `groupBy`, the key carries exactly those dimensions (a
 * team may be ""); without it, the non-empty ones.
 */
export function toKpiRow(group: KpiGroup__Output, groupBy?: readonly DimensionName[]): KpiRow {
  const key = group.key;
  const wanted = (dimension: DimensionName, value: string | undefined) =>
    (groupBy ? groupBy.includes(dimension) : Boolean(value)) ? (value ?? '') : undefined;

  const identity = {
    operatorId: wanted('operator', key?.operatorId),
    teamId: wanted('team', key?.teamId),
    campaignId: wanted('campaign', key?.campaignId),
    periodStart: fromTimestamp(key?.periodStart),
    periodEnd: fromTimestamp(key?.periodEnd),
  };
  return {
    // Leave unrequested key fields out rather than present as undefined.
    ...Object.fromEntries(Object.entries(identity).filter(([, value]) => value !== undefined)),
    counts: { ...emptyCounts, ...group.counts },
    kpis: Object.fromEntries(kpiNames().map((name) => [name, toKpiValue(group.kpis?.[name])])) as Kpis,
  };
}
