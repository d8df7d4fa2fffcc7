import type { WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { MAX_HOUSEHOLDS, writeRegion } from '@hearth/simulator';
import { outputFiles, sameFile } from '../command-files';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';

const positiveInt = (name: string, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`${name} must be a whole number from 1 to ${max}, got "${v}"`, EXIT.usage);
  return n;
};

export const generateCommand = (globals: () => GlobalOptions): Command =>
  new Command('generate')
    .requiredOption('--households <n>', 'number of households', positiveInt('--households', MAX_HOUSEHOLDS))
    .requiredOption('--seed <s>', 'any integer or word; the same seed gives the same bytes')
    .requiredOption('--out <file>', 'where to write the command log (one JSON command a line)')
    .requiredOption('--divisions-out <file>', 'where to write the division tree (JSON array)')
    .option('--order <order>', 'household (streams in constant memory) or date (sorted a span of days at a time, through scratch files beside --out that take about the log\'s size until it is written)', 'household')
    .description('a deterministic synthetic region and its 2016–2020 command log')
    .addHelpText('after', `
Then: hearth divisions load <divisions-out> && hearth import <out>
Roughly 1–2% of the generated commands are plausible mistakes the ledger rightly rejects.
Exit codes: 0 written; 2 a bad option, an unwritable file, or --out and --divisions-out the same file.`)
    .action(async (opts: { households: number; seed: string; out: string; divisionsOut: string; order: string }) => {
      const g = globals();
      if (opts.order !== 'household' && opts.order !== 'date') throw new CliError('--order must be household or date', EXIT.usage);
      const seed = /^-?\d+$/.test(opts.seed) && Number.isSafeInteger(Number(opts.seed)) ? Number(opts.seed) : opts.seed;
      // Both opened for writing, one file would take the log and the tree interleaved.
      if (sameFile(opts.out, opts.divisionsOut))
        throw new CliError(`--divisions-out ${opts.divisionsOut} is the same file as --out ${opts.out}: give the division tree a file of its own`, EXIT.usage);
      const started = Date.now();
      const [commandsOut, divisionsOut] = outputFiles([['--out', opts.out], ['--divisions-out', opts.divisionsOut]]) as [WriteStream, WriteStream];
      // A write that fails later (disk full) rejects the write under way instead of
      // crashing the process; main turns it into one line.
      let writeError: unknown;
      for (const out of [commandsOut, divisionsOut]) out.on('error', (e) => (writeError ??= e));
      const summary = await writeRegion({
        households: opts.households,
        seed,
        order: opts.order,
        scratchDir: dirname(resolve(opts.out)),
        commandsOut,
        divisionsOut,
        onProgress: (p) => log(`generate: ${p.households.toLocaleString('en')}/${p.total.toLocaleString('en')} households · ${p.commands.toLocaleString('en')} commands · ${Math.round((Date.now() - started) / 1000)} s`),
      });
      if (writeError !== undefined) throw writeError;
      if (g.json) emitJson(summary);
      else emitText(`Wrote ${summary.commands.toLocaleString('en')} commands for ${summary.households.toLocaleString('en')} households to ${opts.out}, and ${summary.divisions.toLocaleString('en')} divisions to ${opts.divisionsOut}.`);
    });
