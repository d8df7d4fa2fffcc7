import { Command } from 'commander';
import { DuplicateEventIdError, isAppendOverLimitError, isDamagedEventError, isWrongExpectedVersionError, sqliteStorePath } from '@hearth/event-store';
// The light entry: it loads no KurrentDB client, which a command on SQLite must not pay for at start-up (as in packages/ledger/src/open-store.ts).
import { isEsdbUrl, parseEsdbUrl } from '@hearth/event-store-esdb/connection';
import { Ledger, migrateLog, MigrationDifferenceError, type MigrationSummary } from '@hearth/ledger';
import { scanLog, verifyLog, type LogVerification } from '@hearth/projections';
import { sameFile } from '../command-files';
import { damagedLogError } from '../damaged-log';
import { CliError, EXIT } from '../exit-codes';
import { requireStoreFile } from '../existing-store';
import { GlobalOptions, openLedger, openLedgerToFill } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';
import { everySecond } from '../output/every-second';
import { renderFirst, renderTable } from '../output/table';
import { describeSystemFailure } from '../system-failure';

const SHOWN = 50;

/** A URL as it may be printed: no user name or password. */
const masked = (url: string): string => url.replace(/(:\/\/)[^@/?#]*@/, '$1***@');

/** A KurrentDB URL's nodes as `host:port` (host names are not case-sensitive), or undefined for another URL or one that does not parse (opening it says why). */
const kurrentNodes = (url: string): string[] | undefined => {
  if (!isEsdbUrl(url)) return undefined;
  try {
    return parseEsdbUrl(url).hosts.map(({ host, port }) => `${host.toLowerCase()}:${port}`);
  } catch {
    return undefined;
  }
};

/**
 * The same store twice: the same URL, two sqlite: URLs naming one file under two spellings or through a link,
 * or two KurrentDB URLs sharing a node (host and port), whatever their scheme (`kurrentdb`, `esdb`, `+discover`),
 * query or credentials: every Hearth store on a server reads the same streams (no URL sets a stream prefix),
 * and seed lists that share a node name one cluster. Copied onto itself, every stream is "already there" and
 * the migration says it succeeded having copied nothing (decision 212).
 */
const sameStore = (from: string, to: string): boolean => {
  if (from === to) return true;
  const [fromNodes, toNodes] = [kurrentNodes(from), kurrentNodes(to)];
  if (fromNodes !== undefined && toNodes !== undefined) return toNodes.some((node) => fromNodes.includes(node));
  const [a, b] = [sqliteStorePath(from), sqliteStorePath(to)];
  if (a === undefined || b === undefined || a === ':memory:' || b === ':memory:') return false;
  return sameFile(a, b);
};

const rate = (events: number, since: number): string => Math.round(events / Math.max(0.001, (Date.now() - since) / 1000)).toLocaleString('en');

const n = (value: number): string => value.toLocaleString('en');

/** What a failure of the copy means for people: what stays, and that the same command resumes. */
const stopped = (e: unknown, to: string): CliError => {
  if (e instanceof CliError) return e;
  if (e instanceof MigrationDifferenceError)
    return new CliError(`${e.message}. The target is not a copy of this source: migrate to an empty store, or find out who wrote ${e.streamId} on ${masked(to)}`, EXIT.anomalies);
  if (isDamagedEventError(e)) return damagedLogError(e);
  // Not a failure to retry: the id stays on the target, and running again meets it again.
  if (e instanceof DuplicateEventIdError)
    return new CliError(
      `the migration stopped: event id ${e.eventId} is stored twice — already on the target in another stream, or twice in the source (KurrentDB does not refuse that) — and nothing was overwritten. Migrate to an empty store, or find out who wrote that event on ${masked(to)} or on the source`,
      EXIT.anomalies,
    );
  const resume = 'what was copied stays; run the same command again: it checks what the target holds and copies the rest';
  if (isWrongExpectedVersionError(e))
    return new CliError(`another writer appended to ${e.streamId} on the target during the migration; stop every writer of ${masked(to)}, then ${resume}`, EXIT.systemFailure);
  // A stored event cannot be recorded again in smaller pieces, and running again meets it again: the target's limit must rise (decision 152).
  if (isAppendOverLimitError(e)) {
    const what = e.eventType === undefined ? `the events of ${e.streamId} copied in one append are ${e.size} bytes` : `event ${e.eventId ?? '?'} (${e.eventType}) of ${e.streamId} is ${e.size} bytes`;
    return new CliError(
      `the migration stopped: ${what}, over the target's append limit of ${e.limit} bytes, and was not copied. What was copied stays; raise the server's MaxAppendSize, or migrate to a KurrentDB 25.1 or later (256 MiB an append), and give the server's limit as maxAppendSize in the --to URL (without it Hearth assumes 1 MiB), then run the same command again`,
      EXIT.systemFailure,
    );
  }
  const system = describeSystemFailure(e);
  if (system) return new CliError(`the migration stopped: ${system.problem}; ${system.remedy}. ${resume[0]?.toUpperCase()}${resume.slice(1)}`, system.exitCode);
  return new CliError(`the migration stopped: ${masked((e as Error)?.message ?? String(e))}. ${resume[0]?.toUpperCase()}${resume.slice(1)}`, EXIT.systemFailure);
};

const showText = (summary: MigrationSummary, verification: LogVerification): void => {
  const { copy, comparison } = summary;
  emitText(`${n(comparison.streams)} streams, ${n(comparison.events)} events: ${n(copy.eventsCopied)} copied now, ${n(copy.eventsAlreadyThere)} already on the target (checked).`);
  emitText(`Compared event for event: ${comparison.differences.length === 0 ? 'the target holds exactly the source\'s events' : `${n(comparison.differences.length)} streams differ`}.`);
  if (comparison.differences.length > 0) {
    emitText(renderFirst(['stream', 'version', 'difference'], comparison.differences, SHOWN, (d) => [d.streamId, d.streamVersion, d.detail]));
  }
  emitText(`Verify on the target: ${verification.streams} streams, ${verification.events} events: ${verification.anomalies.length} anomalies, ${verification.noticesFound ?? verification.notices.length} notices.`);
  if (verification.anomalies.length > 0)
    emitText(renderTable(['household', 'position', 'kind', 'detail'], verification.anomalies.slice(0, SHOWN).map((a) => [a.householdId, a.position, a.kind, a.detail])));
};

/**
 * The target numbers positions its own way: a position missing from the source's log (the last
 * event of a stream removed) would not survive the copy, and the target would verify clean over
 * a log that was cut (decision 211). An event moved after a later version of its stream stopped
 * the copy half-way, blaming the target. Both are refused before anything is written; the other
 * anomalies survive the copy, and the target's verify names them.
 */
const HIDDEN_BY_A_COPY: ReadonlySet<string> = new Set(['position-gap', 'position-order']);

const refuseWhatACopyWouldHide = async (source: Ledger, every: (line: () => string) => void): Promise<void> => {
  const scan = await scanLog(source.store, {
    pageSize: 5000,
    contiguous: source.store.issuedPositions !== undefined,
    onPage: (p) => every(() => `migrate: checked the order of ${n(p.eventsRead)} events of the source`),
  });
  const hidden = scan.anomalies.filter((a) => HIDDEN_BY_A_COPY.has(a.kind));
  const [first] = hidden;
  if (first === undefined) return;
  throw new CliError(
    `the source's log has ${n(hidden.length)} anomal${hidden.length === 1 ? 'y' : 'ies'} in the order of its log that a copy cannot carry (the target numbers its own positions), the first at position ${first.position}, ${first.kind}: ${first.detail}. Nothing was copied: \`hearth verify\` on the source lists them; keep the source as the evidence`,
    EXIT.anomalies,
  );
};

export const migrateCommand = (globals: () => GlobalOptions): Command =>
  new Command('migrate')
    .requiredOption('--from <url>', 'the store to copy: sqlite:PATH or esdb://host:port?tls=false')
    .requiredOption('--to <url>', 'the store to copy into (empty, or holding an earlier run of this migration)')
    .option('--concurrency <n>', 'appends in flight at once on a store without atomic batches (EventStoreDB)', (v) => Number(v), 16)
    .option('--quiet', 'no progress on stderr')
    .description('copy every stream of one store into another (SQLite → EventStoreDB, or back), compare both event for event and verify the copy')
    .addHelpText(
      'after',
      `
Copies every stream of the source in the source's log order, each append with the exact
expected version of the stream, then compares both stores event for event and runs
\`hearth verify\` on the target. Stop every writer of both stores while it runs.

Preserved: every stream's events in their order and versions; each event's id, type,
data and metadata exactly (business date, recording time, actor, note, command,
causation and correlation ids), so every hash chain verifies on the target.
Not preserved: global positions — each store numbers its own log (EventStoreDB's are
byte offsets). The order of the whole log is kept: onto SQLite exactly (one transaction
per page of the source's log); onto EventStoreDB up to --concurrency appends run at once,
and only for events recorded within one second of each other, so two events of different
streams change places only if they were recorded less than a second apart (an import
records thousands a second; a caseworker's events are copied one after the other).
EventStoreDB's own system streams ($…) are not Hearth's and are not copied.

Interrupted (kill, lost connection), the same command resumes: every stream the target
already holds is compared event for event with the source up to the target's version,
and only the rest is appended, with the target's version as expected version. A stream
that differs stops the migration, naming the stream and version: nothing is overwritten.
A target that is not empty must hold only streams of the source (an earlier run): one
the source does not have refuses the migration before anything is written.

Progress on stderr: streams and events read, copied and already there, events per second.
Exit codes: 0 the target holds exactly the source's events and verify found no anomaly;
2 usage (a missing option, the same store twice — one file, or one KurrentDB node under any
scheme —, a source file that does not exist);
5 the source's log lacks a position, which a copy would renumber away, or holds an event
after a later version of its stream (nothing copied), the target holds a stream the source
does not (nothing copied), the stores differ, the target holds other events or one of the
source's event ids in another stream, or verify found anomalies on the target; 6 a store
failed or another writer changed the target (run the same command again).
--json prints {"from", "to", "streams", "events", "copied", "alreadyThere",
"differences": [{"streamId", "streamVersion", "detail"}],
"verify": {"streams", "events", "anomalies": [{"householdId", "position", "kind", "detail"}], "notices": N}} (the number of notices verify found).`,
    )
    .action(async (opts: { from: string; to: string; concurrency: number; quiet?: boolean }) => {
      const g = globals();
      if (sameStore(opts.from, opts.to)) throw new CliError('--from and --to name the same store: give the store to copy and another one to copy it into', EXIT.usage);
      if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1 || opts.concurrency > 256) throw new CliError('--concurrency must be a whole number from 1 to 256', EXIT.usage);
      // The source is read, never created: a mistyped path must not migrate an empty new file.
      requireStoreFile(opts.from, 'the source', 'give --from sqlite:PATH of an existing store');
      const quiet = opts.quiet === true;
      const started = Date.now();
      const every = everySecond(quiet);

      const source = await openLedger({ ...g, store: opts.from });
      let summary: MigrationSummary;
      try {
        await refuseWhatACopyWouldHide(source, everySecond(quiet));
        const target = await openLedgerToFill({ ...g, store: opts.to });
        try {
          summary = await migrateLog(source.store, target.store, {
            concurrency: opts.concurrency,
            onProgress: (p) =>
              every(() => `migrate: ${n(p.eventsRead)} events of ${n(p.streamsRead)} streams read · ${n(p.eventsCopied)} events copied to ${n(p.streamsCopied)} streams · ${n(p.eventsAlreadyThere)} already there · ${rate(p.eventsRead, started)} events/s`),
            onCompareProgress: (p) => every(() => `migrate: compared ${n(p.streamsCompared)} of ${n(p.streams)} streams`),
          });
        } catch (e) {
          throw stopped(e, opts.to);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
      if (!quiet) log(`migrate: copied in ${((Date.now() - started) / 1000).toFixed(1)} s; verifying the target`);

      // Opened again: the division tree and policy the verify replays against are the target's own now.
      const copied: Ledger = await openLedger({ ...g, store: opts.to });
      let verification: LogVerification;
      try {
        verification = await verifyLog(copied.store, copied.context(), {
          // Only the count is shown: a bulk import of past records makes a notice of every event.
          keepNotices: 0,
          onProgress: (p) => every(() => `migrate: verified ${n(p.streamsChecked)} of ${n(p.streams)} streams`),
        });
      } finally {
        await copied.close();
      }
      const { copy, comparison } = summary;
      if (g.json)
        emitJson({
          from: masked(opts.from), to: masked(opts.to), streams: comparison.streams, events: comparison.events,
          copied: copy.eventsCopied, alreadyThere: copy.eventsAlreadyThere, differences: comparison.differences,
          verify: { streams: verification.streams, events: verification.events, anomalies: verification.anomalies, notices: verification.noticesFound ?? verification.notices.length },
        });
      else showText(summary, verification);
      process.exitCode = comparison.differences.length > 0 || verification.anomalies.length > 0 ? EXIT.anomalies : EXIT.ok;
    });
