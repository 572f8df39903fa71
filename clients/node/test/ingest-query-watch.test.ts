// Against the real server, in order: ingest (unary and streaming), a query checked against the
// figures of scenario.ts, a live watch, per-record rejections and error paths.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KpiClient, KpiRow } from '../src';
import { assertKpi, at, byOperator, call, collect, dayRange, opA, opB, sessions } from './scenario';
import { startServer, type TestServer } from './server';

let server: TestServer;
let client: KpiClient;

before(async () => {
  server = await startServer();
  client = server.client;
});

after(async () => {
  await server?.stop();
});

test('ingest: unary batches and import streams are acknowledged per record', async () => {
  const unary = await client.recordCalls(opA);
  assert.deepEqual(unary, { accepted: 4, duplicates: 0, replaced: 0, stale: 0, rejections: [] });

  const batches = [
    { batchId: 1, records: opB.slice(0, 2) },
    { batchId: 2, records: [...opB.slice(2), opA[0]!] }, // a1 again: counted once.
  ];
  const acks = await collect(client.importCalls(batches));
  assert.deepEqual(
    acks.map((a) => [a.batchId, a.ack.accepted, a.ack.duplicates]),
    [
      [1, 2, 0],
      [2, 1, 1],
    ],
  );

  const sale = { callId: 'a4', result: 'sale' as const, reportedAt: at('12:00') };
  assert.equal((await client.recordAppointmentResults([sale])).accepted, 1);

  const sessionAcks = await collect(client.importSessions([{ batchId: 7, records: sessions }]));
  assert.deepEqual(
    sessionAcks.map((a) => [a.batchId, a.ack.accepted]),
    [[7, 2]],
  );
});

test('queryKpis by operator matches the figures worked out by hand', async () => {
  const rows = await client.queryKpis({ ...dayRange, groupBy: ['operator'] });

  assert.deepEqual(
    rows.map((r) => r.operatorId),
    ['op-a', 'op-b'],
  );
  const a = byOperator(rows, 'op-a');
  assert.equal('teamId' in a, false, 'only the requested dimension is in the key');
  assert.deepEqual(a.counts, {
    dialed: 4,
    connected: 3,
    answered: 2,
    rejected: 0,
    pitched: 2,
    appointments: 1,
    sales: 1,
    dropped: 0,
    talkSeconds: 480,
    loggedHours: 2,
    loggedHoursEstimated: false,
  });
  assertKpi(a, 'listValidityRate', 75);
  assertKpi(a, 'answerRate', 50);
  assertKpi(a, 'pitchRate', 200 / 3);
  assertKpi(a, 'conversionRate', 50);
  assertKpi(a, 'closeRate', 100);
  assertKpi(a, 'abandonRate', 0);
  assertKpi(a, 'callsPerHour', 2);
  assertKpi(a, 'averageCallDurationSeconds', 120);
  assertKpi(a, 'averageConversationSeconds', 240);
  assert.equal(a.kpis.listValidityRate?.status, 'not_enough_data', '4 dialed is under the minimum of 30');

  const b = byOperator(rows, 'op-b');
  assert.deepEqual(
    [b.counts.dialed, b.counts.rejected, b.counts.dropped, b.counts.loggedHours],
    [3, 1, 1, 0.5],
  );
  assertKpi(b, 'listValidityRate', 100);
  assertKpi(b, 'rejectionRate', 100 / 3);
  assertKpi(b, 'pitchRate', 0);
  assertKpi(b, 'abandonRate', 100 / 3);
  assertKpi(b, 'callsPerHour', 6);
  assertKpi(b, 'conversionRate', undefined);
  assertKpi(b, 'closeRate', undefined);
});

test('watchKpis sends a snapshot, then an update with the new counts', async () => {
  const signal = AbortSignal.timeout(15_000);
  const events = client.watchKpis({ since: at('00:00'), groupBy: ['operator'], coalesceMs: 50 }, { signal });

  const first = await events.next();
  assert.ok(!first.done, 'the watch ended before its snapshot');
  assert.equal(first.value.kind, 'snapshot');
  assert.deepEqual(first.value.windowStart, at('00:00'));
  assert.deepEqual(
    first.value.groups.map((g) => [g.operatorId, g.counts.dialed]),
    [
      ['op-a', 4],
      ['op-b', 3],
    ],
  );

  // b4: op-b pitches at 10:20 -> op-b dialed 4, pitched 1, pitch rate 1/4 = 25%.
  const ack = await client.recordCalls([call('b4', 'op-b', at('10:20'), 'pitched', 120)]);
  assert.equal(ack.accepted, 1);

  let update: KpiRow[] | undefined;
  for await (const event of events) {
    if (event.kind === 'update') {
      update = event.groups;
      break; // Also cancels the watch.
    }
  }
  assert.ok(update, 'no update arrived');
  assert.deepEqual(
    update.map((g) => [g.operatorId, g.counts.dialed, g.counts.pitched]),
    [['op-b', 4, 1]],
    'only the changed group is sent',
  );
  assertKpi(update[0]!, 'pitchRate', 25);
});

test('aborting a watch ends it with the abort reason', async () => {
  const controller = new AbortController();
  const events = client.watchKpis({ since: at('00:00') }, { signal: controller.signal });
  assert.equal((await events.next()).value?.kind, 'snapshot');

  controller.abort(new Error('dashboard closed'));

  await assert.rejects(events.next(), /dashboard closed/);
});

test('a bad record is rejected alone while the good ones of its batch are stored', async () => {
  const day9 = (time: string) => at(time, '2026-03-09');
  const good = call('z-good', 'op-z', day9('09:00'), 'answered', 30);
  const busyWithTalk = call('z-busy', 'op-z', day9('09:05'), 'busy', 30);
  const noOperator = call('z-anon', '', day9('09:10'), 'answered', 10);

  const ack = await client.recordCalls([good, busyWithTalk, noOperator]);

  assert.equal(ack.accepted, 1);
  assert.deepEqual(
    ack.rejections.map((r) => [r.index, r.recordId, r.field]),
    [
      [1, 'z-busy', 'talk_seconds'],
      [2, 'z-anon', 'operator_id'],
    ],
  );
  assert.ok(ack.rejections.every((r) => r.reason.length > 0));
  const rows = await client.queryKpis({ from: day9('00:00'), to: day9('12:00'), groupBy: ['operator'] });
  assert.deepEqual(
    rows.map((r) => [r.operatorId, r.counts.dialed]),
    [['op-z', 1]],
  );
});

test('an error thrown by the batch source cancels the import and reaches the caller', async () => {
  async function* batches() {
    yield { batchId: 1, records: [call('e1', 'op-e', at('08:00'), 'no_answer')] };
    throw new Error('CSV line 42 is broken');
  }
  await assert.rejects(collect(client.importCalls(batches())), /CSV line 42 is broken/);
});

test('a query off the 15-minute grid fails with INVALID_ARGUMENT', async () => {
  await assert.rejects(
    client.queryKpis({ from: at('09:07'), to: at('10:00') }),
    (error: { code?: number }) => error.code === 3,
  );
});
