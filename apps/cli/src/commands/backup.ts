import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { CopyInProgressError, maskStoreUrl, sqliteStorePath } from '@hearth/event-store';
import { verifyLog, type LogVerification } from '@hearth/projections';
import { CliError, EXIT } from '../exit-codes';
import { requireStoreFile } from '../existing-store';
import { GlobalOptions, openLedgerForAudit, storeUrl } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';
import { everySecond } from '../output/every-second';
import { renderTable } from '../output/table';
import { describeSystemFailure } from '../system-failure';

const SHOWN = 50;
const MIB = 1024 * 1024;

const n = (value: number): string => value.toLocaleString('en');
const mib = (bytes: number): string => (bytes / MIB).toFixed(1);

/** Where the copy goes: a new file in a folder that exists. Checked before the store is opened, so a wrong --out changes nothing. */
const checkOut = (out: string): void => {
  if (existsSync(out)) throw new CliError(`${out} already exists: a backup never replaces a file. Give --out the name of a new file`, EXIT.usage);
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`the folder of --out, ${folder}, does not exist: create it first, or give --out another path`, EXIT.usage);
};

/** Why a store offers no online copy, and what to do instead. */
const noOnlineCopy = (url: string): CliError => {
  const path = sqliteStorePath(url);
  const why =
    path === ':memory:' || url.startsWith('memory:')
      ? 'a store in memory ends with its process: there is nothing to back up'
      : 'back up a KurrentDB store with the server\'s own backups (docs/operations/kurrentdb.md), or copy it into a SQLite file with `hearth migrate` while no one writes to it';
  return new CliError(`${maskStoreUrl(url)} cannot be copied by \`hearth backup\`: ${why}`, EXIT.usage);
};

/** A failed copy left nothing under --out (the copy is written aside and linked there whole). */
const stopped = (e: unknown, out: string): unknown => {
  if (e instanceof CliError) return e;
  if (e instanceof CopyInProgressError) return new CliError(`${e.message}: wait for it to end, or give --out another name; nothing was written`, EXIT.usage);
  const system = describeSystemFailure(e);
  if (system) return new CliError(`the backup stopped: ${system.problem}; nothing was written to ${out}. ${system.remedy[0]?.toUpperCase()}${system.remedy.slice(1)}, then run the same command again`, system.exitCode);
  return e;
};

const showText = (from: string, out: string, bytes: number, head: number, seconds: number, v: LogVerification): void => {
  emitText(`Backed up ${from} into ${out}: ${mib(bytes)} MiB, the log up to position ${n(head)} and the read models the file holds, each at its checkpoint, in ${seconds.toFixed(1)} s.`);
  emitText(`Verify on the copy: ${n(v.streams)} streams, ${n(v.events)} events: ${n(v.anomalies.length)} anomalies, ${n(v.noticesFound ?? v.notices.length)} notices.`);
  if (v.anomalies.length === 0) return;
  emitText(renderTable(['household', 'position', 'kind', 'detail'], v.anomalies.slice(0, SHOWN).map((a) => [a.householdId, a.position, a.kind, a.detail])));
  if (v.anomalies.length > SHOWN) emitText(`… and ${n(v.anomalies.length - SHOWN)} more anomalies (--json lists all).`);
  emitText('The copy is kept: it holds the store as it is. `hearth verify` on the store lists the same anomalies.');
};

export const backupCommand = (globals: () => GlobalOptions): Command =>
  new Command('backup')
    .requiredOption('--out <file>', 'the new file to copy the store into (never over an existing file)')
    .option('--quiet', 'no progress on stderr')
    .description('copy the SQLite store into a new file while it is being written, then verify the copy')
    .addHelpText(
      'after',
      `
The copy is the store's file as one read snapshot sees it: every event up to one position,
as stored, none after it, and the read models the file holds, each at its checkpoint. It
stops no writer: the service and imports go on appending meanwhile (SQLite's WAL), and
what they append is in the next backup. The copy is written beside --out as
FILE.partial, flushed to disk, and \`hearth verify\` runs on it there: every hash chain, the
log's order, every household replayed. Only then does it appear under --out, whole. A backup
stopped at any point leaves at most FILE.partial (with its journals and FILE.partial.lock),
which the next backup to FILE replaces; a second backup to FILE while one runs is exit 2.

Not copied: read models in a file of their own ($HEARTH_READ_MODELS; \`hearth rebuild\`
builds them again from the log), and the personal-data file (docs/personal-data.md).
To restore, stop every process that uses the store and put the copy in its place
(docs/operations/backup.md). \`hearth anchor --store sqlite:FILE\` makes an anchor of the
copy to keep apart from it. A store in memory or on KurrentDB is not copied (exit 2).

Progress on stderr: MiB copied, then streams verified.
Exit codes: 0 the copy is written and verify found no anomaly; 2 usage (--out exists or
its folder does not, another backup to it is running, a store file that does not exist, a store that cannot be copied);
5 the copy is written and verify found anomalies in it (the store has them too: the copy
is kept); 6 the machine failed (disk full, no permission): nothing was written to --out.
--json prints {"from", "to", "bytes", "headPosition", "seconds",
"verify": {"streams", "events", "anomalies": [{"householdId", "position", "kind", "detail"}], "notices": N}}.`,
    )
    .action(async (opts: { out: string; quiet?: boolean }) => {
      const g = globals();
      const url = storeUrl(g);
      requireStoreFile(url, 'the store', 'give --store sqlite:PATH of an existing store to back up');
      const out = resolve(opts.out);
      checkOut(out);
      const quiet = opts.quiet === true;
      const started = Date.now();
      const every = everySecond(quiet);

      const source = await openLedgerForAudit(g);
      let bytes: number;
      let seconds = 0;
      let verification: LogVerification | undefined;
      let headPosition = 0;
      // Verified where it was written, before it takes its name: a backup stopped at any point leaves no unverified file under --out (decision 214).
      const verify = async (copy: string): Promise<void> => {
        seconds = (Date.now() - started) / 1000;
        if (!quiet) log(`backup: copied in ${seconds.toFixed(1)} s; verifying the copy`);
        const copied = await openLedgerForAudit({ ...g, store: `sqlite:${copy}` });
        try {
          headPosition = await copied.store.headPosition();
          // Only the count is shown: a bulk import of past records makes a notice of every event.
          verification = await verifyLog(copied.store, copied.context(), {
            keepNotices: 0,
            onProgress: (p) => every(() => `backup: verified ${n(p.streamsChecked)} of ${n(p.streams)} streams of the copy`),
          });
        } finally {
          await copied.close();
        }
      };
      try {
        const copy = source.store.onlineCopy;
        if (copy === undefined) throw noOnlineCopy(url);
        ({ bytes } = await copy.copyTo(out, { onProgress: (p) => every(() => `backup: ${mib(p.written)} of about ${mib(p.estimate)} MiB copied`), beforeNaming: verify }));
      } catch (e) {
        throw stopped(e, opts.out);
      } finally {
        await source.close();
      }
      if (verification === undefined) throw new Error('the copy was named without being verified');
      if (g.json)
        emitJson({
          from: maskStoreUrl(url), to: opts.out, bytes, headPosition, seconds,
          verify: { streams: verification.streams, events: verification.events, anomalies: verification.anomalies, notices: verification.noticesFound ?? verification.notices.length },
        });
      else showText(maskStoreUrl(url), opts.out, bytes, headPosition, seconds, verification);
      process.exitCode = verification.anomalies.length > 0 ? EXIT.anomalies : EXIT.ok;
    });
