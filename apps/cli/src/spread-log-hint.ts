import type { RunnerProgress } from '@hearth/projections';
import { log } from './output/emit';

export const SPREAD_LOG_HINT =
  "hint: this log's households are spread over it (a ledger kept day by day), so a rebuild in position order reads, recounts and writes each household's record again at nearly every page; `hearth rebuild --exclusive` reads it household by household in one transaction (decision 120: at 20,000 households about a third of the CPU, at the full region 5 min where this took 1 h 12 min), while every append to the store waits";

/**
 * Progress that also says, once, when a rebuild in position order of read models the store
 * could rebuild household by household (`--exclusive`) finds the log spread: the operator
 * who rebuilds after an upgrade learns of the faster way while it can still be used
 * (docs/decisions/0123). `applies`: the rebuild is of the store's own file, not exclusive,
 * on a store that reads stream by stream.
 */
export const withSpreadLogHint = (progress: (p: RunnerProgress) => void, applies: boolean): ((p: RunnerProgress) => void) => {
  let told = !applies;
  return (p) => {
    if (!told && p.spread === true) {
      told = true;
      log(SPREAD_LOG_HINT);
    }
    progress(p);
  };
};
