import { Command } from 'commander';
import { verifyLog } from '@hearth/projections';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedgerForAudit } from '../global-options';
import { emitText } from '../output/emit';
import { everySecond } from '../output/every-second';
import { SpilledList } from '../output/spilled-list';
import { renderTable } from '../output/table';
import { readModelsUrl, verifyReadModels } from '../read-side';
import { checkAnchors } from '../anchor-checks';
import { readAnchorFile, trustedPublicKey } from '../anchor-files';

export const verifyCommand = (globals: () => GlobalOptions): Command =>
  new Command('verify')
    .option('--notices <n>', 'notices to list in the table (all of them with --json)', (v) => Number(v), 20)
    .option('--anchor <file...>', 'also prove that the log still extends each anchor made by `hearth anchor` (nothing it covers rewritten, renamed or cut off since)')
    .option('--anchor-public-key <file>', 'with --anchor: every anchor must be signed with this Ed25519 public key (PEM)')
    .option('--read-models [url]', "check the read models instead of the log: every table row against a rebuild from the log, every report (each division and period with data) against the direct fold of the log; with sqlite:PATH, the read models' own file (default: $HEARTH_READ_MODELS, else the SQLite store's own file)")
    .option('--division <code>', "with --read-models: compare only the reports of this division and those below it; the direct fold then holds only the households ever placed there (every table row is still compared)")
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
  version-gap            a stream whose versions do not run 0, 1, 2… (versions renumbered, or an
                         event taken out of the stream); named once a stream
  recorded-out-of-order  an event recorded more than 60 s before the event at the position
                         before it: positions swapped, or the system clock went back
  unreadable-event       a stored row whose data or envelope is not JSON
  invalid-event          an event that does not decode as an event of its type, or whose business
                         date is no date or recording time no time
  dated-after-recording  an event dated after the day it was recorded (decision 135)
  stranded-household     an open household left in a division the tree in force no longer holds,
                         moved by no HouseholdTransferred: a tree recorded behind the ledger's back
  rejected               an event the Decider would not have produced from the history before
                         it (e.g. a clearance without active employment, or a correction
                         it would refuse: one that amends nothing), or a division tree
                         \`divisions load\` would refuse after the trees before it (e.g. a code
                         moved under another parent), named at the stream "divisions"; a
                         household's detail names the domain's error code
Notices, listed apart: events recorded more than policy.lateRecordingDays after their
business date (expected for a bulk import of past records).

What verify cannot see from inside the store (docs/decisions/0009-what-verify-can-prove.md):
a consistent rewrite, i.e. edited events whose hashes were recomputed to the end of their
stream (a stream's last event is the easiest); deleted last events of the log when SQLite's
position counter (sqlite_sequence) was lowered too; events of different streams, recorded
less than 60 s apart, swapped without crossing events of their own streams; a stream's last
event deleted from the middle of the log with every later position renumbered and
sqlite_sequence lowered (positions are not in the hash); a whole stream moved to an unused
stream id; the recording time, note or ids of events sealed before hash
format 2.
An anchor kept outside the store (\`hearth anchor\`) shows what happened before it was made:
with --anchor FILE… verify also proves the log still extends each anchor. Anomalies, each
naming the anchor file and the stream:
  anchor-stream-rewritten  the event at an anchored stream's anchored version has another
                           hash now (the stream was rewritten up to there, hashes recomputed
                           or not), or sits after the anchored head position
  anchor-stream-cut        an anchored stream is gone (e.g. moved to another id) or ends
                           before its anchored version
  anchor-stream-added      a stream with events up to the anchored head position that the
                           anchor does not list (a stream renamed or added to the past)
  anchor-log-cut           the log ends before the anchored head position, or holds fewer
                           events up to it: its last events were removed (even with
                           sqlite_sequence lowered to match)
  anchor-log-changed       more events up to the anchored head position than anchored
  anchor-root-mismatch     the Merkle root of the stored hashes at the anchored versions is
                           not the anchor's root
  anchor-digest, anchor-signature, anchor-inconsistent
                           the anchor itself was edited: its SHA-256 digest, its Ed25519
                           signature (or, with --anchor-public-key, its signer), or its root
                           over its own heads does not match
What even an anchor cannot show: changes to events appended after the newest anchor; swaps
of events of different streams below the anchored position (it records each stream's head,
not how streams interleave); fields outside the hash of events sealed before format 2.
With --read-models: exit 5 when a table or a report differs from the log, each difference listed;
--json prints {"position", "rows", "divisions", "periods": {"years", "months"}, "reportsCompared", "differenceCount", "differences": [{"kind", "where", "detail"}]},
and "division" with --division CODE (exit 4 for a division the tree does not hold). Progress on
stderr: finding the households ever in the division (with --division), reading the log for the
direct fold, rebuilding the read models into a scratch file, then comparing period by period.
Exit codes: 0 no anomaly (notices do not count); 5 anomalies found; 2 an anchor file that
cannot be read or is not an anchor.
--json prints {"streams", "events", "anomalies": [{"householdId", "position", "kind", "detail"}], "notices": [same], "noticesFound"};
with --anchor also "anchors": [{"file", "madeAt", "headPosition", "digest", "signed", "publicKeySha256"?, "anomalies"}].`)
    .action(async (opts: { notices: number; readModels?: boolean | string; anchor?: string[]; anchorPublicKey?: string; division?: string }) => {
      const g = globals();
      if (!Number.isInteger(opts.notices) || opts.notices < 0) throw new CliError('--notices must be a whole number, 0 or more', EXIT.usage);
      if (opts.readModels && opts.anchor) throw new CliError('--read-models and --anchor are separate checks: run them one at a time', EXIT.usage);
      if (opts.division !== undefined && !opts.readModels) throw new CliError('--division needs --read-models: it narrows the check of the read models to one division', EXIT.usage);
      if (opts.readModels) return verifyReadModels(g, readModelsUrl(typeof opts.readModels === 'string' ? opts.readModels : undefined), opts.division);
      if (opts.anchorPublicKey !== undefined && !opts.anchor) throw new CliError('--anchor-public-key needs --anchor FILE…', EXIT.usage);
      // Read before the store is opened: a file that is not an anchor changes nothing and says so.
      const anchors = (opts.anchor ?? []).map((file) => ({ file, anchor: readAnchorFile(file) }));
      const trusted = opts.anchorPublicKey === undefined ? undefined : trustedPublicKey(opts.anchorPublicKey);
      // A damaged division tree is one of the anomalies verify lists (the divisions stream's check names it), not a stop.
      const ledger = await openLedgerForAudit(g);
      // --json lists every notice: a bulk import of past records makes one of every event, so they go to a file as they come.
      const spilled = g.json ? new SpilledList() : undefined;
      try {
        const every = everySecond(g.json === true);
        // The first pass reads the whole log before any stream is checked: minutes at a region's size, so it says how far it is.
        const head = await ledger.store.headPosition();
        // Gaps in positions are looked for where the store offers `issuedPositions` (SQLite, memory).
        const inLog = await verifyLog(ledger.store, ledger.context(), {
          // The table lists a few: a bulk import of past records makes a notice of every event.
          ...(spilled ? { onNotice: (n) => spilled.add(n) } : { keepNotices: opts.notices }),
          onScanProgress: (p) => every(() => `verify: reading the log · ${p.eventsRead.toLocaleString('en')} events · position ${p.position.toLocaleString('en')} of ${head.toLocaleString('en')}`),
          onProgress: (p) => every(() => `verify: ${p.streamsChecked.toLocaleString('en')} of ${p.streams.toLocaleString('en')} streams`),
        });
        const anchored = anchors.length > 0 ? await checkAnchors(ledger.store, anchors, trusted) : undefined;
        const result = anchored ? { ...inLog, anomalies: [...inLog.anomalies, ...anchored.anomalies], anchors: anchored.anchors } : inLog;
        if (spilled) {
          // noticesFound, as the HTTP API answers it: here always the length of the list.
          await spilled.emitIn({ ...result, noticesFound: spilled.length }, 'notices');
        } else {
          const notices = result.noticesFound ?? result.notices.length;
          emitText(`${result.streams} streams, ${result.events} events: ${result.anomalies.length} anomalies, ${notices} notices.`);
          for (const a of anchored?.anchors ?? [])
            emitText(`Anchor ${a.file} (made ${a.madeAt}, head position ${a.headPosition}, ${a.signed ? `signed by the key of SHA-256 ${a.publicKeySha256}` : 'not signed'}): ${a.anomalies === 0 ? 'the log extends it' : `${a.anomalies} anomalies`}.`);
          if (result.anomalies.length > 0) emitText(`\nAnomalies\n${renderTable(['household', 'position', 'kind', 'detail'], result.anomalies.map((a) => [a.householdId, a.position, a.kind, a.detail]))}`);
          if (notices > 0) {
            emitText(`\nNotices\n${renderTable(['household', 'position', 'kind', 'detail'], result.notices.slice(0, opts.notices).map((a) => [a.householdId, a.position, a.kind, a.detail]))}`);
            if (notices > opts.notices) emitText(`… and ${notices - opts.notices} more notices (--json lists all).`);
          }
        }
        process.exitCode = result.anomalies.length > 0 ? EXIT.anomalies : EXIT.ok;
      } finally {
        spilled?.dispose();
        await ledger.close();
      }
    });
