import { renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { FileChangedError, regroupCommands, RegroupProgress, RegroupSummary } from '@hearth/ledger';
import { checkReadable, checkReadTwice, checkRenameTarget, outputFile, sameFile } from '../command-files';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions } from '../global-options';
import { renderFirst } from '../output/table';
import { emitJson, emitText, log } from '../output/emit';

const SHOWN = 200;

const progressLine = (p: RegroupProgress, seconds: number): string => {
  switch (p.phase) {
    case 'scan':
      return `regroup: households of ${p.lines.toLocaleString('en')} lines · ${p.households.toLocaleString('en')} households · ${seconds} s`;
    case 'read':
      return `regroup: read ${p.lines.toLocaleString('en')} lines · ${p.households.toLocaleString('en')} households · ${seconds} s`;
    case 'write':
      return `regroup: wrote part ${p.part}/${p.parts} · ${p.written.toLocaleString('en')} lines · ${seconds} s`;
    default: {
      const never: never = p;
      return never;
    }
  }
};

export const regroupCommand = (globals: () => GlobalOptions): Command =>
  new Command('regroup')
    .argument('<file>', 'command log, one JSON command a line (as hearth import reads it)')
    .requiredOption('--out <file>', 'where to write the log household by household (not the input file)')
    .option('--quiet', 'no progress on stderr')
    .description('write an import file again household by household, so that it imports fast')
    .addHelpText(
      'after',
      `
A log that interleaves its households (a ledger written day by day, a legacy system's
export in date order) imports slowly: between two commands of a household the import
must keep its state or read it again. This writes the same lines household after
household: the households in the order of their ids (the read models' and the store's
key order), each one's lines in their own order. Importing the result appends, stream for stream, the events importing <file>
would: a command names one household, and the division tree is loaded apart from them.
What changes is how households interleave in the log's global order.

A line without a "commandId" gets the one hearth import would give it at its place in
<file>, so importing <file>, the result, or both appends each command once. A line the
import would reject wherever it stands (not JSON, not an object, no "householdId", over
1 MiB, not UTF-8) is left out and listed. Line numbers in the import's rejections then
count lines of the result. Scratch files of about the log's size are kept beside --out
until it is written; the output is written as <out>.partial and renamed to --out once
whole, so a regrouping stopped part-way leaves no file under --out.

Exit codes: 0 written; 2 unreadable input, a file that changed while it was read (each
chunk of the second read is checked against the first's), or unwritable --out; 3 written,
with some lines left out; 6 the disk failed.
--json prints {"lines", "households", "written", "commandIdsAdded", "leftOut": [{"line", "reason"}]}.`,
    )
    .action(async (file: string, opts: { out: string; quiet?: boolean }) => {
      const g = globals();
      checkReadable(file, 'Give a command log file.');
      checkReadTwice(file, 'regroup', "for its households' ids and then for its lines", 'Write it to a file first');
      if (sameFile(file, opts.out)) throw new CliError(`--out ${opts.out} is the input file; give another path (the input is read while the output is written)`, EXIT.usage);
      // Written beside --out and renamed once whole: a regrouping stopped part-way (kill -9, a full disk) leaves no file
      // under --out that an import could take for the whole log.
      const partial = `${opts.out}.partial`;
      // The file opened for writing is the partial one: were it the input, opening it would empty the input before its first read.
      if (sameFile(file, partial))
        throw new CliError(`--out ${opts.out} is written first as ${partial}, which is the input file; give another path (the input is read while the output is written)`, EXIT.usage);
      checkRenameTarget('--out', opts.out);
      const out = outputFile('--out', partial);
      // A write that fails later (disk full) rejects the write under way instead of crashing the process; main turns it into one line.
      let writeError: unknown;
      out.on('error', (e) => (writeError ??= e));
      const started = Date.now();
      let summary: RegroupSummary;
      try {
        summary = await regroupCommands({
          source: file,
          out,
          scratchDir: dirname(resolve(opts.out)),
          onProgress: (p) => {
            if (!opts.quiet) log(progressLine(p, Math.round((Date.now() - started) / 1000)));
          },
        });
        await new Promise<void>((done, failed) => out.end((e?: Error | null) => (e ? failed(e) : done())));
        if (writeError !== undefined) throw writeError;
      } catch (e) {
        // What was written is not the whole log: it goes, and the error says why.
        out.destroy();
        rmSync(partial, { force: true });
        // A file written to while it was read (decision 150): input that cannot be read as one file, not a failure of the machine.
        if (e instanceof FileChangedError) throw new CliError(`${e.message}. Regroup it again once it is complete.`, EXIT.usage);
        throw e;
      }
      renameSync(partial, opts.out);
      if (g.json) emitJson(summary);
      else {
        emitText(`Wrote ${summary.written.toLocaleString('en')} lines of ${summary.households.toLocaleString('en')} households to ${opts.out} (${summary.commandIdsAdded.toLocaleString('en')} given the commandId the import would derive).`);
        if (summary.leftOut.length > 0) {
          emitText(`${summary.leftOut.length} line(s) left out, which hearth import rejects wherever they stand:`);
          emitText(renderFirst(['line', 'reason'], summary.leftOut, SHOWN, (l) => [l.line, l.reason]));
        }
      }
      process.exitCode = summary.leftOut.length > 0 ? EXIT.someRejected : EXIT.ok;
    });
