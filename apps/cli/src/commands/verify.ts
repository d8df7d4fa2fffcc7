import { Command } from 'commander';
import { verifyLog } from '@hearth/projections';
import { EXIT } from '../exit-codes';
import { GlobalOptions, openLedger, storeUrl } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';
import { renderTable } from '../output/table';
import { verifyReadModels } from '../read-side';

export const verifyCommand = (globals: () => GlobalOptions): Command =>
  new Command('verify')
    .option('--notices <n>', 'notices to list in the table (all of them with --json)', (v) => Number(v), 20)
    .option('--read-models', 'check the read models instead of the log: every table row against a rebuild from the log, every report (each division and period with data) against the direct fold of the log')
    .description('recompute every hash chain and re-check every invariant over the whole log')
    .addHelpText('after', `
Anomalies: a hash break, a missing global position (an event deleted from the log, even the
last of a stream), an event that does not decode, or an event the domain's decide
would not have produced from the history before it (e.g. a clearance without active
employment). Notices, listed apart: events recorded more than policy.lateRecordingDays
after their business date (expected for a bulk import of past records).
With --read-models: exit 5 when a table or a report differs from the log, each difference listed;
--json prints {"position", "rows", "divisions", "periods", "reportsCompared", "differenceCount", "differences": [{"kind", "where", "detail"}]}.
Exit codes: 0 no anomaly (notices do not count); 5 anomalies found.
--json prints {"streams", "events", "anomalies": [{"householdId", "position", "kind", "detail"}], "notices": [same]}.`)
    .action(async (opts: { notices: number; readModels?: boolean }) => {
      const g = globals();
      if (opts.readModels) return verifyReadModels(g);
      const ledger = await openLedger(g);
      try {
        let last = 0;
        const result = await verifyLog(ledger.store, ledger.context(), {
          // SQLite and memory hand out positions without gaps; EventStoreDB's are byte offsets.
          contiguousPositions: !storeUrl(g).startsWith('esdb'),
          onProgress: (p) => {
            if (g.json || Date.now() - last < 1000) return;
            last = Date.now();
            log(`verify: ${p.streamsChecked.toLocaleString('en')} of ${p.streams.toLocaleString('en')} streams`);
          },
        });
        if (g.json) emitJson(result);
        else {
          emitText(`${result.streams} streams, ${result.events} events: ${result.anomalies.length} anomalies, ${result.notices.length} notices.`);
          if (result.anomalies.length > 0) emitText(`\nAnomalies\n${renderTable(['household', 'position', 'kind', 'detail'], result.anomalies.map((a) => [a.householdId, a.position, a.kind, a.detail]))}`);
          if (result.notices.length > 0) {
            emitText(`\nNotices\n${renderTable(['household', 'position', 'kind', 'detail'], result.notices.slice(0, opts.notices).map((a) => [a.householdId, a.position, a.kind, a.detail]))}`);
            if (result.notices.length > opts.notices) emitText(`… and ${result.notices.length - opts.notices} more notices (--json lists all).`);
          }
        }
        process.exitCode = result.anomalies.length > 0 ? EXIT.anomalies : EXIT.ok;
      } finally {
        await ledger.close();
      }
    });
