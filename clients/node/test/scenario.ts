// The day the server tests replay (2026-03-10, UTC), with its figures worked out by hand.
import assert from 'node:assert/strict';
import type { Call, KpiName, KpiRow, OutcomeName, Session } from '../src';

export const team = 't-north';
export const campaign = 'solar';
export const at = (time: string, day = '2026-03-10') => new Date(`${day}T${time}:00Z`);
export const dayRange = { from: at('00:00'), to: at('00:00', '2026-03-11') };

export const call = (
  callId: string,
  operatorId: string,
  startedAt: Date,
  outcome: OutcomeName,
  talkSeconds = 0,
): Call => ({ callId, operatorId, teamId: team, campaignId: campaign, startedAt, outcome, talkSeconds });

const session = (sessionId: string, operatorId: string, from: string, to: string): Session => ({
  sessionId,
  operatorId,
  teamId: team,
  campaignId: campaign,
  startedAt: at(from),
  endedAt: at(to),
});

// op-a: 4 calls, 2 h logged (09:00-11:00).
//   invalid_number, busy, pitched (180 s), appointment (300 s) later reported as a sale.
//   dialed 4, connected 3, answered 2, pitched 2, appointments 1, sales 1, talk 480 s.
//   list validity 3/4 = 75%, answer rate 2/4 = 50%, pitch rate 2/3 = 66.67%,
//   conversion 1/2 = 50%, close 1/1 = 100%, abandon 0/2 = 0%, calls per hour 4/2 = 2,
//   average call duration 480/4 = 120 s, average conversation 480/2 = 240 s.
export const opA = [
  call('a1', 'op-a', at('09:00'), 'invalid_number'),
  call('a2', 'op-a', at('09:10'), 'busy'),
  call('a3', 'op-a', at('09:20'), 'pitched', 180),
  call('a4', 'op-a', at('09:30'), 'appointment', 300),
];
// op-b: 3 calls, 30 min logged (10:00-10:30).
//   dropped, rejected (5 s, asked for removal), answered (60 s).
//   dialed 3, connected 3, answered 3, rejected 1, dropped 1, pitched 0, talk 65 s.
//   list validity 100%, rejection 1/3 = 33.33%, pitch rate 0/3 = 0%, abandon 1/3 = 33.33%,
//   calls per hour 3/0.5 = 6; conversion and close rates absent (0 pitched, 0 appointments).
export const opB = [
  call('b1', 'op-b', at('10:00'), 'dropped'),
  { ...call('b2', 'op-b', at('10:05'), 'rejected', 5), removalRequested: true },
  call('b3', 'op-b', at('10:10'), 'answered', 60),
];
export const sessions = [session('s-a', 'op-a', '09:00', '11:00'), session('s-b', 'op-b', '10:00', '10:30')];

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

export function byOperator(rows: KpiRow[], operatorId: string): KpiRow {
  const row = rows.find((r) => r.operatorId === operatorId);
  assert.ok(row, `no group for ${operatorId} in ${JSON.stringify(rows.map((r) => r.operatorId))}`);
  return row;
}

/** Asserts a KPI's value to 1e-9, or that it is absent when `expected` is undefined. */
export function assertKpi(row: KpiRow, name: KpiName, expected: number | undefined) {
  const actual = row.kpis[name]?.value;
  const close = expected === undefined ? actual === undefined : Math.abs((actual ?? NaN) - expected) < 1e-9;
  assert.ok(close, `${row.operatorId} ${name}: got ${actual}, expected ${expected}`);
}
