/**
 * How long each report takes to answer from read models already caught up with the log,
 * in one process (start-up and the catch-up left out): the first call (cold: SQLite's
 * pages and V8's code not yet warm) and the median of the next ones (warm), at the root
 * and at one division; wall time, and the process's CPU time (user + system), which a
 * loaded machine moves less. `npx tsx apps/bench/src/region-run/report-latency.ts STORE.db
 * READ-MODELS.db DIVISION [ROUNDS] [REPORT,…]` prints one JSON line (every report, or the
 * ones named: clearance, monthly, clearanceByChild, monthlyByChild, progress, backlog, analystClearance, analystProgress). A measuring aid for
 * docs/performance/full-region.md ("The full region"), not part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import type { Reports } from '@hearth/projections';
import { ReadSide } from '@hearth/read-side';
import { median } from '../harness';

const queries: Record<string, (r: Reports, division: string | undefined) => unknown> = {
  clearance: (r, division) => r.clearanceReport({ year: 2017, ...(division ? { division } : {}) }),
  monthly: (r, division) => r.monthlyReport({ month: '2017-03', ...(division ? { division } : {}) }),
  // The dashboard's first table: a division's rows for each of its children, with the total above.
  clearanceByChild: (r, division) => r.clearanceReport({ year: 2017, byChild: true, ...(division ? { division } : {}) }),
  monthlyByChild: (r, division) => r.monthlyReport({ month: '2017-03', byChild: true, ...(division ? { division } : {}) }),
  progress: (r, division) => r.progressReport({ month: '2017-06', ...(division ? { division } : {}) }),
  backlog: (r, division) => r.backlogReport({ asOf: '2018-03-01', ...(division ? { division } : {}) }),
  // An analyst's first table of a year or month: the whole tree's tables suppressed as one, with the households behind each
  // count (decision 186); a later call, for any division, is the suppression memo's.
  analystClearance: (r) => r.suppressedClearanceYear({ year: 2017, suppressBelow: referencePolicy.suppressBelow }),
  analystProgress: (r) => r.suppressedProgress({ month: '2017-06', suppressBelow: referencePolicy.suppressBelow }),
};

const main = async (): Promise<void> => {
  const [store, readModels, division, roundsArg, only] = process.argv.slice(2);
  if (!store || !readModels || !division) throw new Error('usage: report-latency.ts STORE.db READ-MODELS.db DIVISION [ROUNDS] [REPORT,…]');
  const asked = only === undefined ? Object.keys(queries) : only.split(',');
  const unknown = asked.filter((name) => !(name in queries));
  if (unknown.length > 0) throw new Error(`report-latency.ts: no report ${unknown.join(', ')}; the reports are ${Object.keys(queries).join(', ')}`);
  const rounds = Number(roundsArg ?? 5);
  const ledger = await Ledger.open({ storeUrl: `sqlite:${store}`, policy: referencePolicy });
  const side = await ReadSide.open(ledger, { readModels: `sqlite:${readModels}`, catchUp: false });
  const out: Record<string, { coldMs: number; warmMs: number; coldCpuMs: number; warmCpuMs: number }> = {};
  const ms = (x: number): number => Math.round(x * 10) / 10;
  try {
    for (const [name, query] of Object.entries(queries).filter(([name]) => asked.includes(name)))
      for (const where of [undefined, division]) {
        const times: number[] = [];
        const cpu: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const started = performance.now();
          const cpuBefore = process.cpuUsage();
          query(side.reports, where);
          const used = process.cpuUsage(cpuBefore);
          times.push(performance.now() - started);
          cpu.push((used.user + used.system) / 1000);
        }
        const key = `${name}@${where ?? 'root'}`;
        out[key] = { coldMs: ms(times[0] as number), warmMs: ms(median(times.slice(1))), coldCpuMs: ms(cpu[0] as number), warmCpuMs: ms(median(cpu.slice(1))) };
        // Each as it comes, on stderr: at a large region one report takes minutes.
        console.error(JSON.stringify({ [key]: out[key], rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }));
      }
    console.log(JSON.stringify({ position: side.position(), rounds, reports: out }));
  } finally {
    await side.close();
    await ledger.close();
  }
};

void main();
