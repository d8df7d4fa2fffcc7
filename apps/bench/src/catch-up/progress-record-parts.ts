import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { eligibleOf } from '@hearth/projections/src/projections/eligible-members';
import type { HouseholdProgress } from '@hearth/projections/src/projections/household-progress';
import { flowsOf } from '@hearth/projections/src/projections/progress-flows';
import { decodeProgress, encodeProgress } from '@hearth/projections/src/projections/progress-record-codec';
import { cpuClock } from '../harness';

/**
 * The progress counters' per-household work at a page's flush, alone (docs/performance/catch-up.md):
 * every household record of a caught-up read-model file (`agg_household_progress`) decoded
 * once, then each round packed again (`encodeProgress`), its monthly flows
 * (`flowsOf`) and its eligible members (`eligibleOf`) made as a catch-up from zero makes
 * them (each household's contribution once), ms of CPU of each part, with a digest of
 * what each part made (equal digests: the same bytes and deltas).
 *
 *   npx tsx apps/bench/src/catch-up/progress-record-parts.ts --db FILE [--rounds 5]
 */
const main = (): void => {
  const { values } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '5' } } });
  if (values.db === undefined) throw new Error('usage: progress-record-parts --db FILE [--rounds N]');
  const db = new Database(values.db, { readonly: true });
  const records: HouseholdProgress[] = [];
  for (const b of db.prepare<[], Buffer>('SELECT progress FROM agg_household_progress ORDER BY household_id').pluck().iterate()) records.push(decodeProgress(b));
  db.close();
  for (let round = 0; round < Number(values.rounds); round++) {
    const packed = createHash('sha256');
    let t = cpuClock();
    for (const r of records) packed.update(encodeProgress(r));
    const encodeMs = cpuClock() - t;
    // Held as the monthly rows' writer holds them (village-progress-rows.ts): by village, then month.
    const villages = new Map<string, Map<number, Map<string, number>>>();
    const flowRows = {
      row: (month: number, village: string): Map<string, number> => {
        let months = villages.get(village);
        if (months === undefined) villages.set(village, (months = new Map()));
        let d = months.get(month);
        if (d === undefined) months.set(month, (d = new Map()));
        return d;
      },
    };
    t = cpuClock();
    for (const r of records) flowsOf(r, 1, flowRows);
    const flowsMs = cpuClock() - t;
    const eligible = new Map<string, number>();
    t = cpuClock();
    for (const r of records) eligibleOf(r, 1, (village, month, n) => eligible.set(`${village}/${month}`, (eligible.get(`${village}/${month}`) ?? 0) + n));
    const eligibleMs = cpuClock() - t;
    const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 12);
    const rows = new Map<string, Map<string, number>>();
    for (const [village, months] of villages) for (const [month, d] of months) rows.set(`${village}/${month}`, d);
    const flowsText = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, d]) => [k, [...d].filter(([, n]) => n !== 0).sort((a, b) => (a[0] < b[0] ? -1 : 1))]);
    process.stdout.write(
      `${JSON.stringify({
        round: round + 1,
        records: records.length,
        encodeMs: Math.round(encodeMs),
        flowsMs: Math.round(flowsMs),
        eligibleMs: Math.round(eligibleMs),
        packed: packed.digest('hex').slice(0, 12),
        flows: digest(flowsText),
        eligible: digest([...eligible].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      })}\n`,
    );
  }
};

main();
