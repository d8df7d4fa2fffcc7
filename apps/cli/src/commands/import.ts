import { Command } from 'commander';
import { isDamagedEventError, isProcessAlive } from '@hearth/event-store';
import { checkReadable, checkReadTwice } from '../command-files';
import { damagedLogError } from '../damaged-log';
import { endAtOnce } from '../end-at-once';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedgerToWrite } from '../global-options';
import { NoDivisionTreeError } from '@hearth/read-side';
import {
  BATCH_CACHE_HOUSEHOLDS, BATCH_CACHE_MAX_HOUSEHOLDS, type FileFingerprint, fingerprintOfText, importCommands, type ImportPart, ImportSplitMismatchError, ImportStoppedError, ImportSummary, MAX_IMPORT_PARTS, parseImportPart, partName, RejectedLine,
} from '@hearth/ledger';
import { renderFirst } from '../output/table';
import { emitJson, emitText, log } from '../output/emit';
import { importStop } from './import-stop';
import { stopWithParent } from '../stop-with-parent';
import { exitOfParts, runParts, stoppedOfParts, summaryOfParts } from './import-parts';

const SHOWN = 200;

/**
 * `field`: the first the rejection names (docs/decisions/0148); none for a whole line, nor for an earlier run's rejection
 * of a line the codec refused, or kept by a checkpoint written before decision 160 (which kept no fields).
 */
const rejectionTable = (rows: readonly RejectedLine[]): void =>
  emitText(renderFirst(['line', 'household', 'type', 'code', 'field', 'message'], rows, SHOWN, (r) => [r.line, r.householdId, r.type, r.code, r.fields?.[0]?.path || null, r.message]));

const showSummary = (summary: ImportSummary, json: boolean, stopped?: object): void => {
  if (json) return emitJson(stopped ? { ...summary, stopped } : summary);
  emitText(`${summary.accepted} accepted, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected${summary.skipped ? `, ${summary.skipped} skipped (already imported)` : ''}${stopped ? ' before the import stopped' : ''}.`);
  if (summary.rejected.length > 0) rejectionTable(summary.rejected);
  if (summary.earlierRejected.length > 0) {
    emitText(`\n${summary.earlierRejected.length} line(s) of this file were rejected by an earlier run (nothing was appended for them):`);
    rejectionTable(summary.earlierRejected);
  }
};

interface ImportFlags {
  batchSize: number;
  cachedHouseholds?: number;
  maxCachedHouseholds?: number;
  quiet?: boolean;
  workers?: number;
  part?: string;
  jsonProgress?: boolean;
  fingerprintFromStdin?: boolean;
  stopWithParent?: number;
}

/** The fingerprint `--workers` hands its part on standard input (fingerprint-handoff.ts); none when it handed none (it could not hash the file). */
const handedFingerprint = async (): Promise<FileFingerprint | undefined> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const fingerprint = fingerprintOfText(text);
  if (typeof fingerprint === 'string') throw new CliError(`--fingerprint-from-stdin: ${fingerprint}`, EXIT.usage);
  return fingerprint;
};

/** `--workers N` (N ≥ 2): the parts run as processes of their own, their summaries shown as one (import-parts.ts). */
const importInParts = async (file: string, workers: number, opts: ImportFlags, g: GlobalOptions): Promise<void> => {
  const runs = await runParts({
    file, workers, batchSize: opts.batchSize, quiet: opts.quiet === true, jsonProgress: opts.jsonProgress === true, globals: g,
    ...(opts.cachedHouseholds !== undefined ? { cachedHouseholds: opts.cachedHouseholds } : {}),
    ...(opts.maxCachedHouseholds !== undefined ? { maxCachedHouseholds: opts.maxCachedHouseholds } : {}),
  });
  const { whole, parts, printed } = summaryOfParts(runs);
  const stopped = stoppedOfParts(runs);
  // No part got as far as a summary (a usage error, no division tree): each said why on stderr, as one import would.
  if (printed > 0) {
    if (g.json === true) emitJson({ ...whole, ...(stopped ? { stopped } : {}), parts });
    else {
      showSummary(whole, false, stopped);
      emitText(`In ${workers} parts: ${parts.map((p) => `part ${p.part} ${p.accepted === undefined ? `ended with exit ${p.exitCode} and no summary (what it committed stays; the same command again resumes it)` : `${p.accepted} accepted, ${p.rejected} rejected${p.stopped ? ', stopped' : ''}`}`).join('; ')}.`);
    }
  }
  process.exitCode = exitOfParts(runs);
};

export const importCommand = (globals: () => GlobalOptions): Command =>
  new Command('import')
    .argument('<file>', "command log, one JSON command a line, or '-' for standard input")
    .option('--batch-size <n>', 'lines decided and written per transaction, those that do not parse included', (v) => Number(v), 1000)
    .option('--cached-households <n>', `household states kept between batches (default ${BATCH_CACHE_HOUSEHOLDS}; more for a log that interleaves many households)`, (v) => Number(v))
    .option(
      '--max-cached-households <n>',
      `let that cache grow, one household for each evicted one the log comes back to, up to n (default ${BATCH_CACHE_MAX_HOUSEHOLDS}; with --cached-households alone, no growth)`,
      (v) => Number(v),
    )
    .option('--quiet', 'no progress on stderr')
    .option('--workers <n>', `import in n processes at once, each deciding the households of one part of the file (2 on a two-core machine; 1, the default, is one process; at most ${MAX_IMPORT_PARTS})`, (v) => Number(v))
    .option('--part <I/N>', 'import only part I of N, the lines of its households (what each process of --workers runs)')
    .option('--fingerprint-from-stdin', "with --part: take the file's fingerprint (its SHA-256 and prefix digests) from standard input instead of hashing the file, every byte still checked against it as it is read (how --workers hands its parts the one it took)")
    .option(
      '--stop-with-parent <pid>',
      'end as SIGTERM would, at once or before the next batch, when process pid is no longer the parent of this one (how --workers, passing its own pid, keeps no part running after it is killed with kill -9)',
      (v) => Number(v),
    )
    .option('--json-progress', 'progress on stderr as one JSON object a line, {"line", "accepted", "rejected"} (how --workers reads its parts; with --workers, the whole\'s)')
    .description('apply commands in order; a rejected line appends nothing and the import goes on')
    .addHelpText(
      'after',
      `
Each line is a command shaped as domain.md §4 lists it, e.g.
  {"type":"ReferToJob","householdId":"h1","on":"2016-05-01","referralId":"r1",...}
Empty lines and lines of only JSON whitespace (spaces, tabs, carriage returns) are skipped; a line of other
whitespace (U+00A0, \\v, \\f, a U+FEFF after the file's start) is not JSON. A line that is not JSON, or not a valid command, is rejected
with INVALID_COMMAND naming the field.

Idempotence: a line without a "commandId" is given one derived from a hash of the line's
content and its line number, so importing the same file again appends nothing twice.
A file (not standard input) is also checkpointed with its SHA-256 in the same
transaction as each batch: after an interruption, running the same file again resumes
after the last committed line.

Lines end at \\n or \\r\\n (a lone \\r does not end a line); a UTF-8 byte-order mark is skipped.
Running a file again that an earlier run finished lists that run's rejected lines again.

A file is read twice (its SHA-256, then its lines) and must be the same both times: one
written to meanwhile stops the import before the next batch, and no line is decided from
bytes the SHA-256 did not hash. Import it again once it is complete. A pipe is not a
file: give it on standard input.

In parts (--workers N): each process decides the lines of the households that fall in its part
(a hash of the householdId; a line naming no household is part 1's), in file order, with line
numbers as in the file, and keeps checkpoints of its own. The file's import then records the
split: run it again with the same --workers to resume, never in another number of parts or
without --workers, and a file begun without --workers is never resumed with it (exit 2).
A part that fails does not stop the others. The summary adds the parts' up; --json adds
"parts": [{"part": "I/N", "exitCode", "accepted", "unchanged", "rejected" (a count), "skipped",
"resumedAfterLine", "stopped"?}], and "stopped" names the first part that stopped (its reason,
"parts" that stopped, the least "committedThroughLine", and a "message" of each stopped part's own words and line).
"resumedAfterLine" is the least of the parts'.
The exit code is the first failing part's, else 3 if any part rejected a line, else 0.

Exit codes: 0 all applied; 2 unreadable input, or a file that changed before this run
recorded anything; 3 some lines rejected (the others applied),
now or by an earlier run of the same file, or another import of the same file ran at the
same time, or the file changed after some lines were applied; 4 no division tree recorded yet (nothing read: load it first); 5 a batch
read a damaged stored event (reason "damaged-log", named on stderr; run \`hearth verify\`); 6 the disk or the store failed (what was committed stays: run the same import
again after the fix and it resumes).
--json prints {"accepted", "unchanged", "rejected": [{"line", "householdId", "type", "code", "message", "fields": [{"path", "message"}]}],
"skipped", "resumedAfterLine", "earlierRejected": [the same, "fields" as the checkpoint kept them (none of a line checkpointed before decision 160); a line the codec refused (INVALID_COMMAND) with fixed words and no "fields", nothing of the line kept]} (householdId and type are null for a
line that names none), and when the import stopped
early also "stopped": {"reason", "committedThroughLine", "message"} (reason: "store-failure",
"concurrent-import", "damaged-log" or "file-changed"), and in "stopped", on a store without
atomic batches (EventStoreDB), "partial": {"fromLine", "throughLine", "storedLines",
"notStoredLines", "unknown"?, "checkpointFailed"?}: which accepted lines of the failed batch were stored
(checkpointFailed: why the checkpoint could not be moved past them, so a rerun decides them
again). A stopped import's "rejected" lists only lines up to committedThroughLine, the ones
its checkpoints keep.`,
    )
    .action(async (file: string, opts: ImportFlags) => {
      const g = globals();
      if (opts.stopWithParent !== undefined && (!Number.isInteger(opts.stopWithParent) || opts.stopWithParent < 1))
        throw new CliError('--stop-with-parent must be the process id of the process that started this one', EXIT.usage);
      // A pid gone means the parent died: stop. One alive that is not the parent is a mistake to name, not a reason to end in silence.
      if (opts.stopWithParent !== undefined && opts.stopWithParent !== process.ppid && isProcessAlive(opts.stopWithParent))
        throw new CliError(`--stop-with-parent ${opts.stopWithParent}: that process is not the one that started this one (${process.ppid}); give the parent's pid, or leave the option to --workers`, EXIT.usage);
      // First of all: a parent killed while this process loaded must not leave it to import anything.
      const beforeBatch = opts.stopWithParent !== undefined ? stopWithParent(opts.stopWithParent) : undefined;
      if (opts.workers !== undefined && (!Number.isInteger(opts.workers) || opts.workers < 1 || opts.workers > MAX_IMPORT_PARTS))
        throw new CliError(`--workers must be an integer from 1 to ${MAX_IMPORT_PARTS}`, EXIT.usage);
      if (opts.workers !== undefined && opts.part !== undefined) throw new CliError('give --workers or --part, not both: --workers runs every part', EXIT.usage);
      let part: ImportPart | undefined;
      if (opts.part !== undefined) {
        const parsed = parseImportPart(opts.part);
        if (typeof parsed === 'string') throw new CliError(`--part: ${parsed}`, EXIT.usage);
        part = parsed;
      }
      if (opts.fingerprintFromStdin && part === undefined) throw new CliError('--fingerprint-from-stdin is for one part of a split import: give --part I/N', EXIT.usage);
      if (file === '-' && (part !== undefined || (opts.workers ?? 1) > 1))
        throw new CliError(`${part ? '--part' : '--workers'} reads a file, not standard input: each part reads the file itself, and keeps its checkpoints under its SHA-256`, EXIT.usage);
      if (file !== '-') {
        checkReadable(file, "Give a command log file, or '-' for standard input.");
        checkReadTwice(file, 'import', 'for the SHA-256 its checkpoints are kept under and then for its lines', "Give it on standard input with '-' (not checkpointed)");
      }
      if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) throw new CliError('--batch-size must be a positive integer', EXIT.usage);
      if (opts.cachedHouseholds !== undefined && (!Number.isInteger(opts.cachedHouseholds) || opts.cachedHouseholds < 1))
        throw new CliError('--cached-households must be a positive integer', EXIT.usage);
      const least = opts.cachedHouseholds ?? BATCH_CACHE_HOUSEHOLDS;
      if (opts.maxCachedHouseholds !== undefined && (!Number.isInteger(opts.maxCachedHouseholds) || opts.maxCachedHouseholds < least))
        throw new CliError(`--max-cached-households must be an integer of at least --cached-households (${least})`, EXIT.usage);
      if (opts.workers !== undefined && opts.workers > 1) return importInParts(file, opts.workers, opts, g);
      // Read while the store opens: the parent hashes the file meanwhile.
      const handing = opts.fingerprintFromStdin ? handedFingerprint() : Promise.resolve(undefined);
      handing.catch(() => undefined);
      const ledger = await openLedgerToWrite(g);
      const started = Date.now();
      let lastReport = 0;
      try {
        // Without a tree every registration is refused, and a checkpoint would keep those refusals: the same file run
        // again once the tree is loaded would skip every line. So nothing is read or recorded (cli.md: exit 4).
        if (!ledger.divisions) throw new CliError(new NoDivisionTreeError().message, EXIT.unknownTarget);
        const handed = await handing;
        const summary = await importCommands(ledger, {
          source: file,
          batchSize: opts.batchSize,
          ...(part ? { part } : {}),
          ...(handed ? { fingerprint: handed } : {}),
          ...(beforeBatch ? { beforeBatch } : {}),
          ...(opts.cachedHouseholds !== undefined ? { cachedHouseholds: opts.cachedHouseholds } : {}),
          ...(opts.maxCachedHouseholds !== undefined ? { maxCachedHouseholds: opts.maxCachedHouseholds } : {}),
          ...(opts.quiet || file === '-'
            ? {}
            : { onInterleaved: () => log(`import: ${file} interleaves its households (a log in date order); \`hearth regroup ${file} --out FILE\` writes it household by household, and that file imports many times faster, each command once (docs/decisions/0108)`) }),
          onProgress: ({ line, accepted, rejected }) => {
            if (opts.quiet || Date.now() - lastReport < 1000) return;
            lastReport = Date.now();
            if (opts.jsonProgress) return log(JSON.stringify({ line, accepted, rejected }));
            const rate = Math.round(line / Math.max(0.001, (Date.now() - started) / 1000));
            log(`import: line ${line.toLocaleString('en')} · ${accepted.toLocaleString('en')} accepted · ${rejected.toLocaleString('en')} rejected · ${rate.toLocaleString('en')} lines/s`);
          },
        });
        if (summary.resumedAfterLine > 0 && !opts.quiet) log(`import: resumed after line ${summary.resumedAfterLine} (committed by an earlier run of this file${part ? `'s part ${partName(part)}` : ''})`);
        showSummary(summary, g.json === true);
        process.exitCode = summary.rejected.length > 0 || summary.earlierRejected.length > 0 ? EXIT.someRejected : EXIT.ok;
      } catch (e) {
        // A household of this batch holds an event edited by hand: nothing of the batch is stored.
        if (isDamagedEventError(e)) throw damagedLogError(e);
        // Begun in another shape: nothing was read or recorded.
        if (e instanceof ImportSplitMismatchError) throw new CliError(e.message, EXIT.usage);
        if (!(e instanceof ImportStoppedError)) throw e;
        const { stopped, error } = importStop(e);
        showSummary(e.summary, g.json === true, stopped);
        throw error;
      } finally {
        await ledger.close();
        // The store is closed and nothing else runs: the process need not tear its heap down.
        endAtOnce();
      }
    });
