import type { RunnerProgress } from './runner-options';

/**
 * A progress listener that calls `tell` once, at the first page read in position order
 * that found the log's households spread over it (`RunnerProgress.spread`), when `applies`
 * (see `exclusiveRebuildWouldHelp`): the one home of "say once that `hearth rebuild
 * --exclusive` would read this log faster" for the CLI's rebuild, the service's catch-up at
 * open and `npm start`'s (docs/decisions/0123), each with its own words.
 */
export const onceSpread = (applies: boolean, tell: () => void): ((p: RunnerProgress) => void) => {
  let told = !applies;
  return (p) => {
    if (told || p.spread !== true) return;
    told = true;
    tell();
  };
};
