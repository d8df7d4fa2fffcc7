import { onceSpread, type RunnerProgress } from '@hearth/projections';

/** How often a long catch-up at open says how far it is. */
export const CATCH_UP_LOG_EVERY_MS = 10_000;

export const SERVICE_SPREAD_LOG_HINT =
  "the read models are catching up from far behind, in position order, through a log whose households are spread over it (a ledger kept day by day): each household's record is rewritten at nearly every page. With the service stopped, `hearth rebuild --exclusive` reads it household by household in one transaction (decision 120: at the full region 5 min instead of 1 h 12 min)";

export interface CatchUpLogOptions {
  /** The read models are the store's own file, on a store that reads stream by stream: `hearth rebuild --exclusive` could build them. */
  readonly couldBeExclusive: boolean;
  /** Milliseconds, for the pace of the lines (the system clock unless given). */
  readonly now?: () => number;
  readonly everyMs?: number;
}

/**
 * The service's log of its catch-up at open (docs/decisions/0123): nothing for a catch-up
 * shorter than `everyMs`; a line every `everyMs` for a longer one (at the full region a
 * catch-up from zero takes minutes to an hour, and a silent service looks hung); and once,
 * as a warning, when a page shows the log spread and `hearth rebuild --exclusive` could
 * have built these read models household by household.
 */
export const catchUpLog = (logger: { log(message: string): void; warn(message: string): void }, opts: CatchUpLogOptions): ((p: RunnerProgress) => void) => {
  const now = opts.now ?? Date.now;
  const every = opts.everyMs ?? CATCH_UP_LOG_EVERY_MS;
  let last = now();
  const hint = onceSpread(opts.couldBeExclusive, () => logger.warn(SERVICE_SPREAD_LOG_HINT));
  return (p) => {
    hint(p);
    if (now() - last < every) return;
    last = now();
    logger.log(
      p.byStream
        ? `read models: ${p.events.toLocaleString('en')} events read stream by stream, up to position ${p.head.toLocaleString('en')}`
        : `read models catching up: ${p.events.toLocaleString('en')} events · position ${p.position.toLocaleString('en')} of ${p.head.toLocaleString('en')}`,
    );
  };
};
