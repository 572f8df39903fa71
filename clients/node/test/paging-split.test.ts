// Against the real server: answers the server sends in pieces (query pages, a watch snapshot
// split into several messages) reach the caller whole.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KpiClient } from '../src';
import { at, call } from './scenario';
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

test('queryKpis follows the pages to every group, in order', async () => {
  const day = (time: string) => at(time, '2026-03-13');
  const operators = ['op-1', 'op-2', 'op-3', 'op-4', 'op-5'];
  await client.recordCalls(operators.map((op) => call(`p-${op}`, op, day('09:00'), 'answered', 30)));

  // 5 groups in pages of 2, 2 and 1.
  const rows = await client.queryKpis({ from: day('00:00'), to: day('12:00'), groupBy: ['operator'], pageSize: 2 });

  assert.deepEqual(
    rows.map((r) => r.operatorId),
    operators,
  );
});

test('a watch snapshot the server splits comes as one event with every group', async () => {
  // 2,000 operators with 60-character ids, about 400 KB of groups: more than one message at the
  // server's default of 64 KiB.
  const day = (time: string) => at(time, '2026-03-14');
  const operators = Array.from({ length: 2000 }, (_, i) => `op-${String(i).padStart(4, '0')}`.padEnd(60, 'x'));
  await client.recordCalls(operators.map((op) => call(`s-${op}`, op, day('10:00'), 'pitched', 90)));

  const events = client.watchKpis({ since: day('00:00'), groupBy: ['operator'] }, { signal: AbortSignal.timeout(30_000) });
  const first = await events.next();
  await events.return(undefined);

  assert.ok(!first.done, 'the watch ended before its snapshot');
  assert.equal(first.value.kind, 'snapshot');
  assert.deepEqual(
    first.value.groups.map((g) => g.operatorId),
    operators,
  );
});
