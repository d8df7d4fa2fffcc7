import { errorCodeOf } from '@hearth/event-store';
import { Ledger } from '@hearth/ledger';
import { Option } from 'commander';
import { ReadModelsAheadOfLogError, ReadModelsOfAnotherLogError, ReadModelsUrlError, RunnerProgress } from '@hearth/projections';
import { NoDivisionTreeError, type ReadModelCheckProgress, ReadSide } from '@hearth/read-side';
import { refuseOverDamagedLog } from './damaged-log';
import { CliError, EXIT } from './exit-codes';
import { GlobalOptions, openLedger } from './global-options';
import { emitJson, emitText, log } from './output/emit';
import { renderTable } from './output/table';
import { refuseUnknownDivision, rethrowUnknownDivision } from './unknown-division';

export const progressLine = (what: string) => {
  let last = 0;
  return (p: RunnerProgress): void => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    // Stream by stream the checkpoints stay put until the whole rebuild commits (decision 119): count events instead.
    if (p.byStream) log(`${what}: ${p.events.toLocaleString('en')} events read stream by stream, up to position ${p.head.toLocaleString('en')}`);
    else log(`${what}: ${p.events.toLocaleString('en')} events · position ${p.position.toLocaleString('en')}${p.head !== undefined ? ` of ${p.head.toLocaleString('en')}` : ''}`);
  };
};

export const READ_MODELS_HELP =
  "sqlite:PATH of the read models' own file, kept by `hearth project` or built by `hearth rebuild --read-models` (default: $HEARTH_READ_MODELS, else the SQLite store's own file; on other stores, without it, the log is replayed into memory)";

/** `--read-models <url>` of the commands that read the read models. */
export const readModelsOption = (): Option => new Option('--read-models <url>', READ_MODELS_HELP);

/** Where the read models live: the option, else $HEARTH_READ_MODELS, else undefined (the store's own file, or memory). */
export const readModelsUrl = (option?: string): string | undefined => {
  const url = option ?? process.env['HEARTH_READ_MODELS'];
  return url === undefined || url === '' ? undefined : url;
};

/**
 * The read side for one CLI command: with `catchUp` (the default) the read models are
 * brought up to date with the log before they are read, progress on stderr unless quiet.
 * With read models in a file of their own (`readModels`), a reader catches that file up
 * too, under the write lock, as any writer of read models may (docs/decisions/0058).
 */
/**
 * Read models built from events the log no longer holds, met opening them or by the check's own
 * catch-up: what the log lost is a finding for an auditor (exit 5), not a wrong argument nor a
 * busy store to retry.
 */
const rethrowLogLoss = (e: unknown): void => {
  if (e instanceof ReadModelsAheadOfLogError) throw new CliError(e.message, EXIT.anomalies);
};

export const openReadSide = async (ledger: Ledger, opts: { quiet?: boolean; catchUp?: boolean; readModels?: string | undefined } = {}): Promise<ReadSide> => {
  try {
    return await refuseOverDamagedLog(() =>
      ReadSide.open(ledger, {
        catchUp: opts.catchUp !== false,
        ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}),
        ...(opts.quiet
          ? {}
          : {
              onReset: (names) => log(`read models rebuilt from the log (new or changed version): ${names.join(', ')}`),
              onProgress: progressLine('catching up'),
            }),
      }),
    );
  } catch (e) {
    if (e instanceof NoDivisionTreeError) throw new CliError(e.message, EXIT.unknownTarget);
    if (e instanceof ReadModelsUrlError) throw new CliError(`--read-models: ${e.message}`, EXIT.usage);
    if (e instanceof ReadModelsOfAnotherLogError) throw new CliError(e.message, EXIT.usage);
    rethrowLogLoss(e);
    if (opts.readModels !== undefined) rethrowUnopenableReadModels(e, opts.readModels);
    throw e;
  }
};

/**
 * The store is open by then: a file SQLite cannot open, or finds no database in, is the
 * read models' own, and the path to check is --read-models, not --store.
 */
const rethrowUnopenableReadModels = (e: unknown, readModels: string): void => {
  const code = errorCodeOf(e);
  if (code === 'SQLITE_NOTADB') throw new CliError(`--read-models ${readModels} is not a SQLite file of read models, or is damaged: check the --read-models path`, EXIT.usage);
  if (code?.startsWith('SQLITE_CANTOPEN') || code === 'EISDIR')
    throw new CliError(`--read-models ${readModels} cannot be opened: check that it is a file in a directory you can write to`, EXIT.usage);
};

const READING: Record<'households' | 'facts' | 'rebuild', string> = {
  households: 'finding the households ever in the division',
  facts: 'reading the log for the direct fold',
  rebuild: 'rebuilding the read models into a scratch file',
};

/** One progress line of `verify --read-models`, after `verify: `. */
const checkStep = (p: ReadModelCheckProgress): string => {
  switch (p.phase) {
    case 'households':
    case 'facts':
    case 'rebuild':
      return `${READING[p.phase]} · position ${p.position.toLocaleString('en')} of ${p.head.toLocaleString('en')}`;
    case 'snapshot':
      return `reading the read models: ${p.periods} of ${p.of} periods`;
    case 'fold':
      return `folding the log: ${p.periods} of ${p.of} periods`;
    default: {
      const never: never = p;
      return never;
    }
  }
};

/**
 * `hearth verify --read-models`: the read models against a rebuild from the log and the
 * direct fold of the log, for every division and period with data. Sets exit code 5
 * when they differ.
 */
export const verifyReadModels = async (g: GlobalOptions, readModels?: string, division?: string): Promise<void> => {
  const ledger = await openLedger(g);
  try {
    refuseUnknownDivision(ledger, division);
    const side = await openReadSide(ledger, { quiet: g.json === true, readModels });
    try {
      if (!g.json)
        log(`verify: comparing the read models with a rebuild from the log and with the direct fold of the log${division === undefined ? '' : ` (the reports of ${division} and below, folding the households ever there)`}…`);
      let last = 0;
      // The catch-up above reads only what the read models have not seen: a row damaged below their
      // checkpoint is met first by the direct fold or the scratch rebuild, and refused the same way.
      const result = await refuseOverDamagedLog(() =>
        side.verifyReadModels({
          ...(division === undefined ? {} : { division }),
          onProgress: (p) => {
            if (g.json || Date.now() - last < 1000) return;
            last = Date.now();
            log(`verify: ${checkStep(p)}`);
          },
        }),
      ).catch((e: unknown) => {
        rethrowLogLoss(e);
        return rethrowUnknownDivision(e);
      });
      if (g.json) emitJson(result);
      else {
        emitText(
          `Read models at position ${result.position.toLocaleString('en')}${result.division === undefined ? '' : ` (the reports of ${result.division} and below)`}: ${result.rows.toLocaleString('en')} rows, ` +
            `${result.reportsCompared.toLocaleString('en')} reports (${result.divisions} divisions, ${result.periods.years} years, ${result.periods.months} months): ` +
            `${result.differenceCount} differences.`,
        );
        if (result.differences.length > 0) emitText(`\n${renderTable(['kind', 'where', 'detail'], result.differences.map((d) => [d.kind, d.where, d.detail]))}`);
        if (result.differenceCount > result.differences.length) emitText(`… and ${result.differenceCount - result.differences.length} more (rebuild the read models: \`hearth rebuild\`).`);
        else if (result.differenceCount > 0) emitText('Rebuild the read models from the log with `hearth rebuild`.');
      }
      process.exitCode = result.differenceCount > 0 ? EXIT.anomalies : EXIT.ok;
    } finally {
      await side.close();
    }
  } finally {
    await ledger.close();
  }
};
