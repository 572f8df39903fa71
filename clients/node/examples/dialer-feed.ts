// A dialer feeding the service: calls stream in batches as they end, each batch acknowledged
// once stored. Usage: node dist/examples/dialer-feed.js [host:port] [calls]
import { KpiClient, type Call, type ImportBatch, type OutcomeName } from '../src';

const address = process.argv[2] ?? '127.0.0.1:5051';
const total = Number(process.argv[3] ?? 500);
const batchSize = 100;

const outcomes: OutcomeName[] = [
  'invalid_number',
  'no_answer',
  'busy',
  'voicemail',
  'answered',
  'pitched',
  'appointment',
];
const operators = ['op-ana', 'op-ben', 'op-chloe'];

function endedCall(n: number): Call {
  const outcome = outcomes[n % outcomes.length]!;
  const talked = !['invalid_number', 'no_answer', 'busy'].includes(outcome);
  return {
    callId: `feed-${Date.now()}-${n}`,
    campaignId: 'solar-2026',
    operatorId: operators[n % operators.length]!,
    teamId: 'north',
    startedAt: new Date(Date.now() - (total - n) * 1000),
    outcome,
    talkSeconds: talked ? 30 + (n % 7) * 40 : 0,
  };
}

// Stands in for the dialer's event source: any (async) iterable of batches will do.
async function* batches(): AsyncGenerator<ImportBatch<Call>> {
  for (let start = 0, batchId = 1; start < total; start += batchSize, batchId++) {
    const size = Math.min(batchSize, total - start);
    yield { batchId, records: Array.from({ length: size }, (_, i) => endedCall(start + i)) };
  }
}

async function main() {
  const client = new KpiClient(address);
  try {
    for await (const { batchId, ack } of client.importCalls(batches())) {
      console.log(
        `batch ${batchId}: ${ack.accepted} accepted, ${ack.duplicates} duplicates, ${ack.rejections.length} rejected`,
      );
      for (const r of ack.rejections) {
        console.log(`  record ${r.index} (${r.recordId}): ${r.field}: ${r.reason}`);
      }
    }
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
