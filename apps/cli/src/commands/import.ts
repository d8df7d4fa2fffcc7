import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { isDamagedEventError, isWrongExpectedVersionError } from '@hearth/event-store';
import { damagedLogError } from '../damaged-log';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger } from '../global-options';
import { importCommands } from '@hearth/ledger';
import { renderTable } from '../output/table';
import { emitJson, emitText, log } from '../output/emit';

export const importCommand = (globals: () => GlobalOptions): Command =>
  new Command('import')
    .argument('<file>', "command log, one JSON command a line, or '-' for standard input")
    .option('--batch-size <n>', 'commands written per transaction', (v) => Number(v), 1000)
    .option('--quiet', 'no progress on stderr')
    .description('apply commands in order; a rejected line appends nothing and the import goes on')
    .addHelpText(
      'after',
      `
Each line is a command shaped as domain.md §4 lists it, e.g.
  {"type":"ReferToJob","householdId":"h1","on":"2016-05-01","referralId":"r1",...}
Empty lines are skipped. A line that is not JSON, or not a valid command, is rejected
with INVALID_COMMAND naming the field.

Idempotence: a line without a "commandId" is given one derived from a hash of the line's
content and its line number, so importing the same file again appends nothing twice.
A file (not standard input) is also checkpointed with its SHA-256 in the same
transaction as each batch: after an interruption, running the same file again resumes
after the last committed line.

Exit codes: 0 all applied; 2 unreadable input; 3 some lines rejected (the others applied).
--json prints {"accepted", "unchanged", "rejected": [{"line", "householdId", "type", "code", "message"}],
"skipped", "resumedAfterLine"}.`,
    )
    .action(async (file: string, opts: { batchSize: number; quiet?: boolean }) => {
      const g = globals();
      if (file !== '-' && !existsSync(file)) throw new CliError(`cannot read ${file}: no such file`, EXIT.usage);
      if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) throw new CliError('--batch-size must be a positive integer', EXIT.usage);
      const ledger = await openLedger(g);
      const started = Date.now();
      let lastReport = 0;
      try {
        const summary = await importCommands(ledger, {
          source: file,
          batchSize: opts.batchSize,
          onProgress: ({ line, accepted, rejected }) => {
            if (opts.quiet || Date.now() - lastReport < 1000) return;
            lastReport = Date.now();
            const rate = Math.round(line / Math.max(0.001, (Date.now() - started) / 1000));
            log(`import: line ${line.toLocaleString('en')} · ${accepted.toLocaleString('en')} accepted · ${rejected.toLocaleString('en')} rejected · ${rate.toLocaleString('en')} lines/s`);
          },
        });
        if (summary.resumedAfterLine > 0 && !opts.quiet) log(`import: resumed after line ${summary.resumedAfterLine} (committed by an earlier run of this file)`);
        if (g.json) emitJson(summary);
        else {
          emitText(`${summary.accepted} accepted, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected${summary.skipped ? `, ${summary.skipped} skipped (already imported)` : ''}.`);
          if (summary.rejected.length > 0)
            emitText(renderTable(['line', 'household', 'type', 'code', 'message'], summary.rejected.slice(0, 200).map((r) => [r.line, r.householdId, r.type, r.code, r.message])));
          if (summary.rejected.length > 200) emitText(`… and ${summary.rejected.length - 200} more (use --json for all).`);
        }
        process.exitCode = summary.rejected.length > 0 ? EXIT.someRejected : EXIT.ok;
      } catch (e) {
        // Two imports of the same file at once: the file's checkpoint moved under this one.
        if (isWrongExpectedVersionError(e))
          throw new CliError(`another import of ${file} committed meanwhile; this batch stored nothing. Run the import again: it resumes after the last committed line.`, EXIT.someRejected);
        // A household of this batch holds an event edited by hand: nothing of the batch is stored.
        if (isDamagedEventError(e)) throw damagedLogError(e);
        throw e;
      } finally {
        await ledger.close();
      }
    });
