import type { RunnerProgress } from '@hearth/projections';

/** How `ReadSide.open` opens a ledger's read models. */
export interface ReadSideOptions {
  /**
   * `sqlite:PATH`: keep the read models in that file of their own (docs/decisions/0058),
   * whatever the store; a `hearth project` process may be keeping the same file. Default:
   * the store's embedded read-model database (SQLite), else a private in-memory one.
   */
  readonly readModels?: string;
  /** Bring the read models up to the log's head as it is when opened before returning (default true). */
  readonly catchUp?: boolean;
  /** Progress of that catch-up (and of a rebuild at open when a projection's version changed). */
  readonly onProgress?: (p: RunnerProgress) => void;
  /** Told which projections were reset at open (new, or their version changed): the catch-up rebuilds them. */
  readonly onReset?: (names: readonly string[]) => void;
  /** Errors of the live subscription once `follow()` runs. */
  readonly onLiveError?: (error: Error) => void;
}
