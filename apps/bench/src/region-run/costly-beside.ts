import { parseArgs } from 'node:util';
import { startService } from './service-process';

/**
 * What a costly request does to the service's other answers (docs/decisions/0112): starts
 * the service on a store and asks for something that takes seconds at the full region, not
 * asked before so it is read, not remembered: with `--costly backlog` the root's backlog as
 * of a date (a day earlier each round), with `--costly analyst-year` an analyst's clearance
 * table of a year (the year's thirteen tables and their suppression; a year earlier each
 * round). While it is read it asks every `--every` ms for a cheap report (an auditor's
 * clearance of one division) and for `/health`, timing each answer. Before these were read
 * in the report worker, every one of them waited for it. Wall times on the machine as it is.
 *
 *   npx tsx apps/bench/src/region-run/costly-beside.ts --store FILE [--read-models FILE] [--costly backlog|analyst-year] [--as-of 2020-12-31] [--division P01] [--year 2018] [--every 250] [--rounds 2]
 */

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      'read-models': { type: 'string' },
      'as-of': { type: 'string', default: '2020-12-31' },
      division: { type: 'string', default: 'P01' },
      year: { type: 'string', default: '2018' },
      every: { type: 'string', default: '250' },
      rounds: { type: 'string', default: '2' },
      costly: { type: 'string', default: 'backlog' },
    },
  });
  if (values.costly !== 'backlog' && values.costly !== 'analyst-year') throw new Error(`--costly must be backlog or analyst-year, got ${values.costly}`);
  if (values.store === undefined) throw new Error('usage: costly-beside --store FILE [--read-models FILE] [--costly backlog|analyst-year] [--as-of DATE] [--division CODE] [--year Y] [--every MS] [--rounds N]');
  const service = await startService({ store: values.store, ...(values['read-models'] === undefined ? {} : { readModels: values['read-models'] }), roles: ['auditor', 'analyst'] });
  const timedGet = async (path: string, role = 'auditor'): Promise<number> => {
    const start = performance.now();
    const response = await fetch(`${service.origin}${path}`, { headers: { authorization: `Bearer ${service.tokens[role] as string}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - start;
  };
  try {
    // The first answers cost what opening costs (statements prepared, pages read): not what is measured.
    await timedGet(`/api/reports/clearance?year=${values.year}&division=${values.division}`);
    const rounds: Record<string, unknown>[] = [];
    for (let round = 0; round < Number(values.rounds); round++) {
      // A day (a year) earlier each round: an answer not remembered.
      const asOf = new Date(Date.parse(`${values['as-of']}T00:00:00Z`) - round * 86_400_000).toISOString().slice(0, 10);
      const year = Number(values.year) - round;
      const costlyPath = values.costly === 'backlog' ? `/api/reports/backlog?asOf=${asOf}` : `/api/reports/clearance?year=${year}`;
      let done = false;
      const costly = timedGet(costlyPath, values.costly === 'backlog' ? 'auditor' : 'analyst').finally(() => {
        done = true;
      });
      const beside: number[] = [];
      const health: number[] = [];
      const failed: string[] = [];
      const asked = async (path: string, into: number[]): Promise<void> => {
        try {
          into.push(await timedGet(path));
        } catch (e) {
          // A request that never got its answer (a connection the service closed while it could not answer) is counted, not timed.
          failed.push(`${path}: ${String((e as Error).cause ?? e)}`);
        }
      };
      while (!done) {
        await Promise.all([asked(`/api/reports/clearance?year=${values.year}&division=${values.division}`, beside), asked('/health', health)]);
        await new Promise((r) => setTimeout(r, Number(values.every)));
      }
      const sorted = [...beside].sort((a, b) => a - b);
      const sortedHealth = [...health].sort((a, b) => a - b);
      rounds.push({
        costly: costlyPath,
        costlyMs: Math.round(await costly),
        answered: beside.length + health.length,
        clearanceMs: { p50: Math.round(quantile(sorted, 0.5)), max: Math.round(sorted.at(-1) ?? 0) },
        healthMs: { p50: Math.round(quantile(sortedHealth, 0.5)), max: Math.round(sortedHealth.at(-1) ?? 0) },
        failed,
      });
    }
    process.stdout.write(`${JSON.stringify({ startMs: service.startMs, rounds, serviceRssMiB: service.peakRssMiB() }, null, 1)}\n`);
  } finally {
    await service.stop();
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
