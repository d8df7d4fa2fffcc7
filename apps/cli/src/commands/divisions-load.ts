import { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger, readJsonFile } from '../global-options';
import { emitJson, emitText } from '../output/emit';

export const divisionsCommand = (globals: () => GlobalOptions): Command => {
  const divisions = new Command('divisions').description('the administrative division tree');
  divisions
    .command('load')
    .argument('<file>', 'JSON array of {code, name, parentCode, level}; the root has parentCode null')
    .option('--on <date>', 'business date the tree takes effect (default: today)')
    .description('record the division tree as an event; loading the same tree again changes nothing')
    .action(async (file: string, opts: { on?: string }) => {
      const g = globals();
      const input = readJsonFile(file, 'division file');
      const ledger = await openLedger(g);
      try {
        const result = await ledger.recordDivisionTree(input, opts.on ?? new Date().toISOString().slice(0, 10));
        if (E.isLeft(result))
          throw new CliError(`division file ${file} is invalid:\n${result.left.map((f) => `  ${f.path || '(file)'}: ${f.message}`).join('\n')}`, EXIT.usage);
        if (g.json) emitJson(result.right);
        else emitText(result.right.changed ? `Recorded a division tree of ${result.right.divisions} divisions.` : `The same tree of ${result.right.divisions} divisions is already recorded; nothing changed.`);
      } finally {
        await ledger.close();
      }
    });
  return divisions;
};
