import { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { isBusinessDate } from '@hearth/domain';
import { localDate } from '../today';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedgerToWrite, readJsonFile } from '../global-options';
import { emitJson, emitText } from '../output/emit';
import { renderTable } from '../output/table';

const HELP = `
FILE is either the JSON array of divisions, or an object that also says from when the tree
is in force and where the households of each division it drops move:

  {"effectiveFrom": "2017-01-01",
   "divisions": [{"code", "name", "parentCode", "level"}, …],
   "successors": {"OLD-VILLAGE": "NEW-VILLAGE", …}}

A household is decided against the tree in force when it was recorded, so a new tree never
changes an earlier decision. A code keeps its parent and level for ever (a division that
moves gets a new code, named as the successor of the old one), and the root stays the same.
A tree that drops a division where open households still are is refused (exit 2, nothing
recorded) with the list of those households, unless "successors" names where each dropped
division's households go: then each moves by a HouseholdTransferred event dated the day the
tree takes effect, which must not be after today nor before the household's latest event.
Reports follow the move from that date: figures for periods ending before it are unchanged.
Loading the same tree again changes nothing.
--json prints {"changed", "divisions", "moved", "effectiveFrom"}, or on refusal
{"refused": true, "fields": [{"path", "message"}], "households": [{"householdId", "divisionCode", "code", "message"}]}.`;

export const divisionsCommand = (globals: () => GlobalOptions): Command => {
  const divisions = new Command('divisions').description('the administrative division tree');
  divisions
    .command('load')
    .argument('<file>', 'JSON array of {code, name, parentCode, level} (the root has parentCode null), or {effectiveFrom?, divisions, successors?}')
    .option('--effective <date>', 'business date the tree takes effect (overrides the file\'s effectiveFrom; default: that, else today)')
    .option('--on <date>', 'the same as --effective (kept for existing scripts)')
    .description('record the division tree as an event; loading the same tree again changes nothing')
    .addHelpText('after', HELP)
    .action(async (file: string, opts: { effective?: string; on?: string }) => {
      const g = globals();
      // Two names of one option: each given is checked, and two that differ are a mistake, not a choice of the first.
      for (const [option, value] of [['--effective', opts.effective], ['--on', opts.on]] as const)
        if (value !== undefined && !isBusinessDate(value)) throw new CliError(`${option} must be a date YYYY-MM-DD, got "${value}"`, EXIT.usage);
      if (opts.effective !== undefined && opts.on !== undefined && opts.effective !== opts.on)
        throw new CliError(`--effective ${opts.effective} and --on ${opts.on} are one option under two names: give one date`, EXIT.usage);
      const given = opts.effective ?? opts.on;
      const input = readJsonFile(file, 'division file');
      const withDate = given !== undefined && !Array.isArray(input) && typeof input === 'object' && input !== null ? { ...input, effectiveFrom: given } : input;
      const ledger = await openLedgerToWrite(g);
      try {
        const result = await ledger.recordDivisionTree(withDate, given ?? localDate(new Date()));
        if (E.isLeft(result)) {
          const { fields, households } = result.left;
          if (g.json) emitJson({ refused: true, fields, households });
          const why = fields.length > 0
            ? `division file ${file} is invalid:\n${fields.map((f) => `  ${f.path || '(file)'}: ${f.message}`).join('\n')}`
            : `division file ${file} is refused, nothing was recorded: ${households.length} household(s) are in divisions it drops and cannot move.\n` +
              'Each dropped division needs its successor in "successors", dated on or after the household\'s latest event (see `hearth divisions load --help`).\n' +
              renderTable(['household', 'division', 'code', 'why'], households.map((h) => [h.householdId, h.divisionCode, h.code, h.message]));
          throw new CliError(why, EXIT.usage);
        }
        const r = result.right;
        const moved = r.moved > 0 ? ` and moved ${r.moved} households to their successor divisions on ${r.effectiveFrom}` : '';
        if (g.json) emitJson(r);
        else if (r.changed) emitText(`Recorded a division tree of ${r.divisions} divisions, in force from ${r.effectiveFrom}${moved}.`);
        else emitText(`The same tree of ${r.divisions} divisions is already recorded; nothing changed${r.moved > 0 ? `, but moved ${r.moved} households left behind by an interrupted load` : ''}.`);
      } finally {
        await ledger.close();
      }
    });
  return divisions;
};
