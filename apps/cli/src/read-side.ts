import { openProjections, Projections, RunnerProgress } from '@hearth/projections';
import { refuseOverDamagedLog } from './damaged-log';
import { CliError, EXIT } from './exit-codes';
import { log } from './output/emit';
import { Ledger } from '@hearth/ledger';

export const progressLine = (what: string) => {
  let last = 0;
  return (p: RunnerProgress): void => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    log(`${what}: ${p.events.toLocaleString('en')} events · position ${p.position.toLocaleString('en')}${p.head !== undefined ? ` of ${p.head.toLocaleString('en')}` : ''}`);
  };
};

/** The read models, brought up to date with the log before they are read (progress on stderr). */
export const upToDateProjections = async (ledger: Ledger, quiet = false): Promise<Projections> => {
  const divisions = ledger.divisions;
  if (!divisions) throw new CliError('no division tree is recorded yet: run `hearth divisions load FILE` first', EXIT.unknownTarget);
  const projections = openProjections(ledger.store, { policy: ledger.policy, divisions });
  if (projections.reset.length > 0 && !quiet) log(`read models rebuilt from the log (new or changed version): ${projections.reset.join(', ')}`);
  try {
    await refuseOverDamagedLog(() => projections.runner.catchUp(quiet ? undefined : progressLine('catching up')));
  } catch (error) {
    await projections.close();
    throw error;
  }
  return projections;
};
