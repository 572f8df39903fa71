// Today's KPIs per operator in a time zone, as a table.
// Usage: node dist/examples/report.js [host:port] [IANA time zone]
import { KpiClient, type KpiRow } from '../src';

const address = process.argv[2] ?? '127.0.0.1:5051';
const timeZone = process.argv[3] ?? 'UTC';

const percent = (kpi: { value: number } | undefined) => (kpi ? `${kpi.value.toFixed(1)}%` : '-');

function table(rows: KpiRow[]) {
  return rows.map((row) => ({
    operator: row.operatorId,
    dialed: row.counts.dialed,
    'list validity': percent(row.kpis.listValidityRate),
    'pitch rate': percent(row.kpis.pitchRate),
    conversion: percent(row.kpis.conversionRate),
    close: percent(row.kpis.closeRate),
    'calls/hour': row.kpis.callsPerHour?.value.toFixed(1) ?? '-',
    'pitch status': row.kpis.pitchRate?.status ?? '-',
  }));
}

async function main() {
  const client = new KpiClient(address);
  try {
    // A range on 15-minute boundaries that covers today in any time zone; the day
    // granularity splits it into local days, of which we keep today.
    const now = Date.now();
    const quarter = 15 * 60 * 1000;
    const from = new Date(Math.floor((now - 36 * 3600 * 1000) / quarter) * quarter);
    const to = new Date(Math.ceil((now + 1) / quarter) * quarter);
    const rows = await client.queryKpis({
      from,
      to,
      groupBy: ['operator'],
      granularity: 'day',
      timeZone,
    });
    const today = rows.filter(
      (row) => row.periodStart && row.periodEnd && +row.periodStart <= now && now < +row.periodEnd,
    );
    console.log(`KPIs for today (${timeZone}), ${today.length} operators`);
    console.table(table(today));
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
