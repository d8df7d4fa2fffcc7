/**
 * The progress report's read of every village's eligible members at one month, two ways
 * on the same read-model file, alternated in one process (docs/performance/reports.md,
 * "The progress report's reads"): the whole series blob of each village handed to
 * JavaScript and read there (valueAt, before decision 90), against the month's four bytes
 * selected inside SQLite (valueBytesSql). Both must give the same total; prints CPU
 * medians and their ratio (new / old). A measuring aid, not part of `npm test`:
 *
 *   npx tsx apps/bench/src/region-run/eligible-read.ts READ-MODELS.db [MONTH=2017-06] [ROUNDS=30]
 */
import Database from 'better-sqlite3';
import { monthIndex } from '@hearth/projections/src/projections/village-series';
import { valueAt, valueBytesSql, valueFromBytes } from '@hearth/projections/src/reports/village-counters';
import { median } from '../harness';

const ELIGIBLE = 'stock.eligible.16-59';

const main = (): void => {
  const [file, month = '2017-06', roundsArg = '30'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: eligible-read.ts READ-MODELS.db [MONTH] [ROUNDS]');
  const db = new Database(file, { readonly: true });
  const i = monthIndex(`${month}-01`);
  const whole = db.prepare<[string], [number, number, Buffer]>('SELECT initial, base, series FROM agg_village_eligible WHERE key = ?').raw();
  const bytes = db.prepare<[{ key: string; month: number }], [number, Buffer | null]>(`SELECT initial, ${valueBytesSql('@month')} FROM agg_village_eligible WHERE key = @key`).raw();
  const ways = {
    wholeSeries: (): number => whole.all(ELIGIBLE).reduce((n, [initial, base, blob]) => n + valueAt(initial, base, blob, i), 0),
    monthInSql: (): number => bytes.all({ key: ELIGIBLE, month: i }).reduce((n, [initial, b]) => n + valueFromBytes(initial, b), 0),
  };
  const cpu: Record<keyof typeof ways, number[]> = { wholeSeries: [], monthInSql: [] };
  const totals = new Set<number>();
  for (let r = 0; r < Number(roundsArg); r++)
    for (const name of Object.keys(ways) as (keyof typeof ways)[]) {
      const before = process.cpuUsage();
      totals.add(ways[name]());
      const used = process.cpuUsage(before);
      cpu[name].push((used.user + used.system) / 1000);
    }
  db.close();
  if (totals.size !== 1) throw new Error(`the two reads disagree: ${[...totals].join(' / ')}`);
  const old = median(cpu.wholeSeries);
  const now = median(cpu.monthInSql);
  const round = (x: number): number => Math.round(x * 100) / 100;
  console.log(JSON.stringify({ month, eligibleMembers: [...totals][0], wholeSeriesCpuMs: round(old), monthInSqlCpuMs: round(now), ratio: round(now / old) }));
};

main();
