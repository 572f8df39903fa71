// Unit tests of the facade's mapping helpers; no server needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { KpiGroup__Output } from '../src/generated/kpi/v1/KpiGroup';
import type { Kpis__Output } from '../src/generated/kpi/v1/Kpis';
import {
  callOutcome,
  fromTimestamp,
  kpiNames,
  kpiStatusName,
  outcomeName,
  toDuration,
  toKpiRow,
  toTimestamp,
  type KpiName,
} from '../src';
import { toCallRecord } from '../src/records';
import { toWatchKpisRequest } from '../src/requests';

test('toTimestamp keeps milliseconds, also before 1970', () => {
  assert.deepEqual(toTimestamp(new Date('2026-03-10T09:30:00.250Z')), {
    seconds: 1773135000,
    nanos: 250_000_000,
  });
  // -1 ms is one second before the epoch plus 999 ms: nanos stay positive as protobuf requires.
  assert.deepEqual(toTimestamp(-1), { seconds: -1, nanos: 999_000_000 });
  assert.throws(() => toTimestamp('not a date'), RangeError);
});

test('fromTimestamp inverts toTimestamp and maps unset to undefined', () => {
  const date = new Date('2026-03-10T23:59:59.999Z');
  const { seconds, nanos } = toTimestamp(date) as { seconds: number; nanos: number };
  assert.deepEqual(fromTimestamp({ seconds, nanos }), date);
  assert.equal(fromTimestamp(null), undefined);
});

test('toDuration splits milliseconds into seconds and nanos', () => {
  assert.deepEqual(toDuration(1250), { seconds: 1, nanos: 250_000_000 });
  assert.throws(() => toDuration(-5), RangeError);
});

test('outcome names map both ways; unknown ones become UNSPECIFIED for the server to reject', () => {
  assert.equal(callOutcome('no_answer'), 'CALL_OUTCOME_NO_ANSWER');
  assert.equal(outcomeName('CALL_OUTCOME_APPOINTMENT'), 'appointment');
  assert.equal(outcomeName('CALL_OUTCOME_UNSPECIFIED'), undefined);
  assert.equal(callOutcome('hung_up' as never), 'CALL_OUTCOME_UNSPECIFIED');
  assert.equal(kpiStatusName('KPI_STATUS_NOT_ENOUGH_DATA'), 'not_enough_data');
});

test('toCallRecord fills the proto defaults and converts the start time', () => {
  const record = toCallRecord({
    callId: 'c1',
    campaignId: 'solar',
    operatorId: 'op-a',
    startedAt: '2026-03-10T09:00:00Z',
    outcome: 'busy',
  });
  assert.deepEqual(record, {
    callId: 'c1',
    campaignId: 'solar',
    operatorId: 'op-a',
    teamId: '',
    leadId: '',
    startedAt: { seconds: 1773133200, nanos: 0 },
    outcome: 'CALL_OUTCOME_BUSY',
    talkSeconds: 0,
    removalRequested: false,
    revision: 0,
  });
});

const group: KpiGroup__Output = {
  key: {
    operatorId: 'op-a',
    teamId: '',
    campaignId: '',
    periodStart: { seconds: 1773100800, nanos: 0 },
    periodEnd: null,
    weekday: 'WEEKDAY_UNSPECIFIED',
    hourOfDay: 0,
  },
  counts: {
    dialed: 4,
    connected: 3,
    answered: 2,
    rejected: 0,
    pitched: 0,
    appointments: 0,
    sales: 0,
    dropped: 0,
    talkSeconds: 90,
    loggedHours: 2,
    loggedHoursEstimated: false,
  },
  // The KPIs these tests read; a KPI added to the proto later needs no line here.
  kpis: {
    listValidityRate: { value: 75, status: 'KPI_STATUS_NOT_ENOUGH_DATA', interval: null, statusCertain: false },
    answerRate: { value: 50, status: 'KPI_STATUS_NO_BENCHMARK', interval: null, statusCertain: false },
    rejectionRate: { value: 0, status: 'KPI_STATUS_NO_BENCHMARK', interval: null, statusCertain: false },
    callsPerHour: { value: 2, status: 'KPI_STATUS_NO_BENCHMARK', interval: null, statusCertain: false },
    averageCallDurationSeconds: { value: 22.5, status: 'KPI_STATUS_NO_BENCHMARK', interval: null, statusCertain: false },
    averageConversationSeconds: { value: 45, status: 'KPI_STATUS_NOT_ENOUGH_DATA', interval: null, statusCertain: false },
    pitchRate: { value: 0, status: 'KPI_STATUS_NOT_ENOUGH_DATA', interval: null, statusCertain: false },
    conversionRate: null, // 0 pitched
    closeRate: null, // 0 appointments
    abandonRate: { value: 0, status: 'KPI_STATUS_NOT_ENOUGH_DATA', interval: null, statusCertain: false },
  } satisfies Partial<Kpis__Output> as Kpis__Output,
};

test('toKpiRow gives absent KPIs as undefined and a zero KPI as 0', () => {
  const row = toKpiRow(group, ['operator']);
  assert.equal(row.kpis.conversionRate, undefined);
  assert.equal(row.kpis.closeRate, undefined);
  assert.deepEqual(row.kpis.pitchRate, { value: 0, status: 'not_enough_data' });
  assert.equal(row.counts.dialed, 4);
});

test('toKpiRow keeps every KPI of the Kpis message in kpis.proto, in its order', () => {
  // The field names as written in the .proto, independent of the loader: a KPI added there
  // must reach the row without an edit here or in groups.ts.
  const protoFile = path.resolve(__dirname, '..', '..', 'proto', 'kpi', 'v1', 'kpis.proto');
  const proto = readFileSync(protoFile, 'utf8');
  const body = /message Kpis \{([^}]*)\}/.exec(proto)?.[1] ?? '';
  const expected = [...body.matchAll(/KpiValue (\w+) = \d+;/g)].map(([, field]) =>
    field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
  );
  const every = Object.fromEntries(
    expected.map((name, i) => [name, { value: i, status: 'KPI_STATUS_GOOD' }]),
  );

  const row = toKpiRow({ ...group, kpis: every as unknown as KpiGroup__Output['kpis'] });

  assert.ok(expected.length >= 10, `read ${expected.length} KPIs from kpis.proto`);
  assert.deepEqual(Object.keys(row.kpis), expected);
  assert.deepEqual(kpiNames(), expected);
  expected.forEach((name, i) => assert.deepEqual(row.kpis[name as KpiName], { value: i, status: 'good' }));
});

test('toKpiRow keys carry exactly the requested dimensions, an empty team included', () => {
  const byOperator = toKpiRow(group, ['operator']);
  assert.equal(byOperator.operatorId, 'op-a');
  assert.equal('teamId' in byOperator, false);
  assert.deepEqual(byOperator.periodStart, new Date('2026-03-10T00:00:00Z'));
  assert.equal(byOperator.periodEnd, undefined);

  const byTeam = toKpiRow(group, ['operator', 'team']);
  assert.equal(byTeam.teamId, '', 'calls without a team form the "" team');
  assert.equal('campaignId' in byTeam, false);
});

test('toWatchKpisRequest sets one window of the oneof and the coalesce interval', () => {
  const since = toWatchKpisRequest({ since: '2026-03-10T00:00:00Z', groupBy: ['campaign'], coalesceMs: 50 });
  assert.deepEqual(since.since, { seconds: 1773100800, nanos: 0 });
  assert.equal('currentPeriod' in since, false);
  assert.deepEqual(since.groupBy, ['GROUP_DIMENSION_CAMPAIGN']);
  assert.deepEqual(since.coalesceInterval, { seconds: 0, nanos: 50_000_000 });

  const today = toWatchKpisRequest({ currentPeriod: 'day', timeZone: 'Europe/Paris' });
  assert.equal(today.currentPeriod, 'CURRENT_PERIOD_DAY');
  assert.equal('since' in today, false);
  assert.equal(today.timeZone, 'Europe/Paris');
});
