// Short lower-case names for the proto enums ('pitched' for CALL_OUTCOME_PITCHED), derived from
// the generated enums so that a value added to a .proto shows up here after generate.sh.
import { AppointmentResultKind } from './generated/kpi/v1/AppointmentResultKind';
import { CallOutcome } from './generated/kpi/v1/CallOutcome';
import { CurrentPeriod } from './generated/kpi/v1/CurrentPeriod';
import { Granularity } from './generated/kpi/v1/Granularity';
import { GroupDimension } from './generated/kpi/v1/GroupDimension';
import { KpiStatus } from './generated/kpi/v1/KpiStatus';
import { WatchEventKind } from './generated/kpi/v1/WatchEventKind';

type ShortName<Prefix extends string, Full> = Full extends `${Prefix}${infer Rest}`
  ? Exclude<Lowercase<Rest>, 'unspecified'>
  : never;

type EnumNames<E> = E[keyof E];

/** What happened on a call: 'invalid_number', 'no_answer', 'busy', ... 'appointment'. */
export type OutcomeName = ShortName<'CALL_OUTCOME_', EnumNames<typeof CallOutcome>>;
/** What became of an appointment: 'sale', 'no_sale' or 'cancelled'. */
export type AppointmentResultName = ShortName<
  'APPOINTMENT_RESULT_KIND_',
  EnumNames<typeof AppointmentResultKind>
>;
/** A dimension to group by: 'operator', 'team' or 'campaign'. */
export type DimensionName = ShortName<'GROUP_DIMENSION_', EnumNames<typeof GroupDimension>>;
/** A calendar split: 'hour', 'day', 'week' or 'month'. */
export type GranularityName = ShortName<'GRANULARITY_', EnumNames<typeof Granularity>>;
/** The current period a watch follows: 'day', 'week' or 'month'. */
export type CurrentPeriodName = ShortName<'CURRENT_PERIOD_', EnumNames<typeof CurrentPeriod>>;
/** A KPI against its benchmark: 'good', 'warning', 'bad', 'not_enough_data', 'no_benchmark'. */
export type KpiStatusName = ShortName<'KPI_STATUS_', EnumNames<typeof KpiStatus>>;
/** 'snapshot' (replace what you hold) or 'update' (changed groups only). */
export type WatchEventKindName = ShortName<'WATCH_EVENT_KIND_', EnumNames<typeof WatchEventKind>>;

function fullName<E extends Record<string, string>>(values: E, prefix: string, name: string): E[keyof E] {
  const full = `${prefix}${name.toUpperCase()}`;
  // An unknown name becomes UNSPECIFIED, which the server rejects with a per-record reason.
  return (values[full] ?? values[`${prefix}UNSPECIFIED`]) as E[keyof E];
}

function shortName<N extends string>(prefix: string, full: string | number): N | undefined {
  if (typeof full !== 'string' || !full.startsWith(prefix) || full === `${prefix}UNSPECIFIED`) {
    return undefined;
  }
  return full.slice(prefix.length).toLowerCase() as N;
}

/** 'pitched' -> 'CALL_OUTCOME_PITCHED'. */
export const callOutcome = (name: OutcomeName) => fullName(CallOutcome, 'CALL_OUTCOME_', name);
/** 'CALL_OUTCOME_PITCHED' -> 'pitched'; UNSPECIFIED or unknown -> undefined. */
export const outcomeName = (value: string | number) => shortName<OutcomeName>('CALL_OUTCOME_', value);

/** 'sale' -> 'APPOINTMENT_RESULT_KIND_SALE'. */
export const appointmentResultKind = (name: AppointmentResultName) =>
  fullName(AppointmentResultKind, 'APPOINTMENT_RESULT_KIND_', name);
/** 'APPOINTMENT_RESULT_KIND_SALE' -> 'sale'. */
export const appointmentResultName = (value: string | number) =>
  shortName<AppointmentResultName>('APPOINTMENT_RESULT_KIND_', value);

export const groupDimension = (name: DimensionName) => fullName(GroupDimension, 'GROUP_DIMENSION_', name);
export const granularity = (name: GranularityName) => fullName(Granularity, 'GRANULARITY_', name);
export const currentPeriod = (name: CurrentPeriodName) => fullName(CurrentPeriod, 'CURRENT_PERIOD_', name);

/** 'KPI_STATUS_GOOD' -> 'good'; UNSPECIFIED -> undefined. */
export const kpiStatusName = (value: string | number) => shortName<KpiStatusName>('KPI_STATUS_', value);
/** 'WATCH_EVENT_KIND_SNAPSHOT' -> 'snapshot'. */
export const watchEventKindName = (value: string | number) =>
  shortName<WatchEventKindName>('WATCH_EVENT_KIND_', value);
