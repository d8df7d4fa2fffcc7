import { Command } from 'commander';
import { verifyLog } from '@hearth/projections';
import { EXIT } from '../exit-codes';
import { GlobalOptions, openLedger } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';
import { renderTable } from '../output/table';
import { verifyReadModels } from '../read-side';

export const verifyCommand = (globals: () => GlobalOptions): Command =>
  new Command('verify')
    .option('--notices <n>', 'notices to list in the table (all of them with --json)', (v) => Number(v), 20)
    .option('--read-models', 'check the read models instead of the log: every table row against a rebuild from the log, every report (each division and period with data) against the direct fold of the log')
    .description('recompute every hash chain and re-check every invariant over the whole log')
    .addHelpText('after', `
verify recomputes every hash chain, checks the order of the whole log and replays every
household through the Decider. Anomalies, each naming the household (or stream) and position:
  hash-break             an event's content was edited (hash format 2 covers every stored field:
                         type, data, business date, recording time, actor, note, ids, schema
                         version), or an event of its stream was removed, inserted or moved
  position-gap           missing positions: events removed from the log, the last one of the
                         whole log included (SQLite and memory count the positions handed out;
                         not on EventStoreDB)
  position-order         an event stored after a later version of its own stream
  recorded-out-of-order  an event recorded more than 60 s before the event at the position
                         before it: positions swapped, or the system clock went back
  unreadable-event       a stored row whose data or envelope is not JSON
  invalid-event          an event that does not decode as an event of its type
  (domain codes)         an event the Decider would not have produced from the history before
                         it (e.g. a clearance without active employment)
Notices, listed apart: events recorded more than policy.lateRecordingDays after their
business date (expected for a bulk import of past records).

What verify cannot see from inside the store (docs/decisions/0009-what-verify-can-prove.md):
a consistent rewrite, i.e. edited events whose hashes were recomputed to the end of their
stream (a stream's last event is the easiest); deleted last events of the log when SQLite's
position counter (sqlite_sequence) was lowered too; events of different streams, recorded
less than 60 s apart, swapped without crossing events of their own streams; a whole stream
moved to an unused stream id; the recording time, note or ids of events sealed before hash
format 2. Only an anchor kept outside the
store (\`hearth anchor\`, issue 9, not built yet) shows those.
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
        // Gaps in positions are looked for where the store offers `issuedPositions` (SQLite, memory).
        const result = await verifyLog(ledger.store, ledger.context(), {
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
