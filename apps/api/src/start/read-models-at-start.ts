import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { SERVICE_SPREAD_LOG_HINT, StartStoppedError } from '@hearth/nest';
import { exclusiveRebuildWouldHelp, onceSpread } from '@hearth/projections';
import { ReadSide } from '@hearth/read-side';
import { sqliteStorePath } from '@hearth/event-store';
import { readModelsBar } from './read-models-bar';

export interface CatchUpAtStartOptions {
  readonly store: string;
  readonly readModels?: string;
  readonly out: { write(s: string): unknown; isTTY?: boolean };
  readonly stopRequested: () => boolean;
}

/**
 * `npm start` over a store it uses as it is: the read models caught up before the service
 * is built, with a progress bar on stderr, so that a long catch-up (after an upgrade that
 * resets a projection, or over a store `hearth import` filled: minutes at the full region)
 * shows how far it is rather than nothing until the URL (decision 124). A signal stops it
 * after the page being written (StartStoppedError); on a log written day by day it says
 * once that `hearth rebuild --exclusive` would be faster (decision 123). Nothing is drawn
 * for read models at the head. Skipped without a division tree (the service opens the read
 * models once one is recorded) and for read models the service keeps in memory (a
 * KurrentDB store without HEARTH_READ_MODELS: a catch-up here would be thrown away). Any
 * other failure is left to the service, which meets it again and answers it its own way
 * (a damaged event: it serves, verify names the event, reports refuse).
 */
export const catchUpAtStart = async (opts: CatchUpAtStartOptions): Promise<void> => {
  if (opts.readModels === undefined && sqliteStorePath(opts.store) === undefined) return;
  const ledger = await Ledger.open({ storeUrl: opts.store, policy: referencePolicy });
  try {
    if (!ledger.divisions) return;
    const hint = onceSpread(exclusiveRebuildWouldHelp(ledger.store, opts.readModels), () => opts.out.write(`hearth: ${SERVICE_SPREAD_LOG_HINT}\n`));
    const bar = readModelsBar(opts.out);
    const side = await ReadSide.open(ledger, {
      ...(opts.readModels !== undefined ? { readModels: opts.readModels } : {}),
      catchUp: true,
      onProgress: (p) => {
        hint(p);
        bar.onProgress(p);
        if (opts.stopRequested()) throw new StartStoppedError(p.position);
      },
    });
    bar.finish();
    await side.close();
  } catch (e) {
    if (e instanceof StartStoppedError) throw e;
  } finally {
    await ledger.close();
  }
};
