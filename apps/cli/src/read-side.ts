import { Ledger } from '@hearth/ledger';
import { RunnerProgress } from '@hearth/projections';
import { NoDivisionTreeError, ReadSide } from '@hearth/read-side';
import { CliError, EXIT } from './exit-codes';
import { log } from './output/emit';

export const progressLine = (what: string) => {
  let last = 0;
  return (p: RunnerProgress): void => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    log(`${what}: ${p.events.toLocaleString('en')} events · position ${p.position.toLocaleString('en')}${p.head !== undefined ? ` of ${p.head.toLocaleString('en')}` : ''}`);
  };
};

/**
 * The read side for one CLI command: with `catchUp` (the default) the read models are
 * brought up to date with the log before they are read, progress on stderr unless quiet.
 */
export const openReadSide = async (ledger: Ledger, opts: { quiet?: boolean; catchUp?: boolean } = {}): Promise<ReadSide> => {
  try {
    return await ReadSide.open(ledger, {
      catchUp: opts.catchUp !== false,
      ...(opts.quiet
        ? {}
        : {
            onReset: (names) => log(`read models rebuilt from the log (new or changed version): ${names.join(', ')}`),
            onProgress: progressLine('catching up'),
          }),
    });
  } catch (e) {
    if (e instanceof NoDivisionTreeError) throw new CliError(e.message, EXIT.unknownTarget);
    throw e;
  }
};
