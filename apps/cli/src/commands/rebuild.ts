import { Command } from 'commander';
import { ALL_PROJECTIONS, exclusiveRebuildWouldHelp, projectionNameToday, RETIRED_PROJECTIONS } from '@hearth/projections';
import { refuseOverDamagedLog } from '../damaged-log';
import { CliError, EXIT } from '../exit-codes';
import { GlobalOptions, openLedger } from '../global-options';
import { openReadSide, progressLine, readModelsOption, readModelsUrl } from '../read-side';
import { emitJson, emitText } from '../output/emit';
import { withSpreadLogHint } from '../spread-log-hint';

export const rebuildCommand = (globals: () => GlobalOptions): Command =>
  new Command('rebuild')
    .argument('[projection...]', `projections to rebuild (default: all): ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`)
    .addOption(readModelsOption())
    .option('--exclusive', "with the read models in the SQLite store's own file: hold the store's write lock for the whole rebuild and read the log household by household in one transaction (decision 120); every append waits meanwhile")
    .description('drop and rebuild read models from the log, with progress on stderr')
    .addHelpText('after', `
A stored event that cannot be read (edited by hand: data that is not JSON, a type that does
not exist) stops the rebuild: the read models keep only the batches before it, and every
report refuses until the log is repaired. With --read-models sqlite:PATH (or
$HEARTH_READ_MODELS) the read models of that file are built from zero, creating it if need
be: on any store, the file every report given the same --read-models then reads. On a SQLite
store that rebuild reads the log household by household in one transaction (decision 119):
a log written day by day costs what one in household order does, the file reads as before
until it commits, and a kill leaves it as it was; other writers of the file wait meanwhile.
The read models in the store's own file (no --read-models) are rebuilt in position order, a
page a transaction, so that appends go on meanwhile; with --exclusive they are rebuilt
household by household in one transaction too (decision 120), when nothing needs to append
for that long: appends by other processes wait, and give up as "the store is locked" (exit 6,
HTTP 503 STORE_BUSY) after their waits. A rebuild in position order that could have used
--exclusive says so once on stderr ("hint: …") when it finds the log's households spread over
it (a ledger kept day by day; decision 123). On a store that cannot read household by household
(EventStoreDB) --exclusive is a usage error (exit 2). A retired
projection's name rebuilds the one that keeps its data now (${RETIRED_PROJECTIONS.map((r) => `${r.name}: ${r.keptBy}`).join('; ')}). Exit codes: 0 rebuilt; 4 no division tree;
5 a damaged event (named on stderr; run \`hearth verify\`).`)
    .action(async (names: string[], opts: { readModels?: string; exclusive?: boolean }) => {
      const g = globals();
      const known = new Set(ALL_PROJECTIONS.map((p) => p.name));
      const unknown = names.filter((n) => !known.has(projectionNameToday(n)));
      if (unknown.length > 0) throw new CliError(`unknown projection(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`, EXIT.usage);
      const ledger = await openLedger(g);
      try {
        if (opts.exclusive === true && ledger.store.streamOrderedFeed === undefined)
          throw new CliError('--exclusive: this store cannot read the log household by household (only the SQLite store can); rebuild without --exclusive', EXIT.usage);
        const readModels = readModelsUrl(opts.readModels);
        const projections = await openReadSide(ledger, { catchUp: false, quiet: true, readModels });
        try {
          const started = Date.now();
          // The store's own file in position order, where --exclusive could read household by household: say so if the log is spread.
          const couldBeExclusive = opts.exclusive !== true && exclusiveRebuildWouldHelp(ledger.store, readModels);
          const progress = withSpreadLogHint(progressLine('rebuild'), couldBeExclusive);
          const position = await refuseOverDamagedLog(() => projections.rebuild(names.length > 0 ? names : undefined, progress, { exclusive: opts.exclusive === true }));
          const rebuilt = names.length > 0 ? [...new Set(names.map(projectionNameToday))] : [...known];
          if (g.json) emitJson({ rebuilt, position, seconds: (Date.now() - started) / 1000 });
          else emitText(`Rebuilt ${rebuilt.join(', ')} from the log up to position ${position.toLocaleString('en')} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        } finally {
          await projections.close();
        }
      } finally {
        await ledger.close();
      }
    });
