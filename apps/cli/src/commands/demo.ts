import { join } from 'node:path';
import { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { householdHistory } from '@hearth/projections';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedgerToWrite, readJsonFile, storeUrl } from '../global-options';
import { importCommands, maskStoreUrl, type RejectedLine } from '@hearth/ledger';
import { emitJson, emitText, log } from '../output/emit';
import { renderTable } from '../output/table';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** The example's deliberate mistake (its line 20: a clearance before any job), which the demo is there to show refused. */
const DELIBERATE = { line: 20, code: 'NO_ACTIVE_EMPLOYMENT' } as const;
const isDeliberate = (r: RejectedLine): boolean => r.line === DELIBERATE.line && r.code === DELIBERATE.code;

/**
 * A first look from the command line: load the bundled example region into the store
 * (idempotently) and show one household's audit timeline. (`npm start` runs the service.)
 */
export const demoCommand = (globals: () => GlobalOptions): Command =>
  new Command('demo')
    .description('load the bundled example region into the store and print one household\'s history')
    .addHelpText('after', `
--json prints {"import": what hearth --json import prints, "history": what hearth --json history hh-002 prints}.
Exit 0 although the import lists the example's deliberate rejection (line 20, NO_ACTIVE_EMPLOYMENT):
it is part of what the demo shows (docs/decisions/0161); hearth import of the same file exits 3.
Exit 3 when the import rejects any other line, now or in an earlier run (a store already holding
other data under the example's ids): the demo did not show what the example means.
Exit 2 on a store holding another division tree the example's cannot replace.`)
    .action(async () => {
      const g = globals();
      const ledger = await openLedgerToWrite(g);
      try {
        log(`Hearth demo — store ${maskStoreUrl(storeUrl(g))}: loads the bundled example region and prints one`);
        log('household\'s audit timeline. (`npm start` serves the HTTP API and the dashboard.)\n');
        const tree = await ledger.recordDivisionTree(readJsonFile(join(EXAMPLES, 'divisions.json'), 'division file'), '2016-01-01');
        // The bundled tree is valid: a refusal means the store already holds another ledger
        // (the demo region `npm start` writes into ./data/hearth.db) whose households it would strand.
        if (E.isLeft(tree)) {
          const { fields, households } = tree.left;
          const why = households.length > 0 ? `${households.length} of its households are in divisions the example's tree lacks` : fields.map((f) => `${f.path || '(tree)'}: ${f.message}`).join('; ');
          throw new CliError(`the store ${maskStoreUrl(storeUrl(g))} already holds another division tree, which the example's cannot replace (${why}); nothing was recorded: run the demo on a store of its own, e.g. hearth --store sqlite:./data/demo.db demo`, EXIT.usage);
        }
        const summary = await importCommands(ledger, { source: join(EXAMPLES, 'commands.jsonl') });
        log(`Imported the example log: ${summary.accepted} accepted, ${summary.unchanged} unchanged, ${summary.rejected.length} rejected${summary.skipped ? `, ${summary.skipped} already imported earlier` : ''}.`);
        const said = (r: RejectedLine, why: string, when = ''): string => `  line ${r.line}${when}: ${r.code} — ${r.message} (${why})`;
        const unexpected = "not the example's deliberate mistake";
        for (const r of summary.rejected) log(said(r, isDeliberate(r) ? 'the ledger refuses it, as it should' : unexpected));
        // A rerun rejects nothing of its own: an earlier run's rejection the example does not mean is said again, as the exit code says it.
        const earlier = summary.earlierRejected.filter((r) => !isDeliberate(r));
        for (const r of earlier) log(said(r, unexpected, ' (rejected by an earlier run)'));
        const surprises = summary.rejected.filter((r) => !isDeliberate(r)).length + earlier.length;
        if (surprises > 0) {
          log(`${surprises} line(s) rejected that the example does not mean to be: this store likely held other data under its ids, so what follows may not be the example's (exit 3, docs/decisions/0161).`);
          process.exitCode = EXIT.someRejected;
        }
        const h = await householdHistory(ledger.store, 'hh-002', undefined, ledger.context());
        // Machine output is one JSON document (cli.md): what `import --json` and `history --json` print.
        if (g.json) return emitJson({ import: summary, history: h });
        emitText(`\nHousehold ${h.householdId} (${h.divisionCode}) is ${h.status}. Its history:\n`);
        emitText(renderTable(['pos', 'business date', 'actor', 'event', 'hash', 'note'], h.events.map((e) => [e.position, e.occurredOn, e.actor, e.type, e.hashOk ? 'ok' : 'BROKEN', e.note ?? ''])));
        emitText('\nTry: npx hearth history hh-002 --as-of 2016-08-31   (state on any date)');
        emitText('     npx hearth --json history hh-001                (machine output)');
      } finally {
        await ledger.close();
      }
    });
