import { onceSpread, type RunnerProgress } from '@hearth/projections';
import { log } from './output/emit';

export const SPREAD_LOG_HINT =
  "hint: this log's households are spread over it (a ledger kept day by day), so a rebuild in position order rewrites each household's record at nearly every page; `hearth rebuild --exclusive` reads it household by household in one transaction (decision 120: at the full region 5 min instead of 1 h 12 min), but every append to the store waits meanwhile";

/**
 * Progress that also says, once, when a rebuild in position order of read models the store
 * could rebuild household by household (`--exclusive`) finds the log spread: the operator
 * who rebuilds after an upgrade learns of the faster way while it can still be used
 * (docs/decisions/0123). `applies`: the rebuild is of the store's own file, not exclusive,
 * on a store that reads stream by stream.
 */
export const withSpreadLogHint = (progress: (p: RunnerProgress) => void, applies: boolean): ((p: RunnerProgress) => void) => {
  const hint = onceSpread(applies, () => log(SPREAD_LOG_HINT));
  return (p) => {
    hint(p);
    progress(p);
  };
};
