import type { EventToAppend } from './envelope';
import { errorCodeOf } from './error-code';

/**
 * An append a store would refuse for its size, told before anything is written: one
 * event over the limit on its own (`eventId` and `eventType` name it: no append can carry
 * it), or the append's events together (both absent: fewer events an append would fit).
 */
export interface AppendOverLimit {
  readonly streamId: string;
  /** Bytes as the store counts them: of the one event over the limit, or of the events together. */
  readonly size: number;
  readonly limit: number;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
}

/**
 * A capability of stores that refuse an append over a size (KurrentDB: its `MaxAppendSize`,
 * 1 MiB by default; absent on SQLite and in memory, which take any size). A caller that
 * would rather refuse one command than fail a whole batch (the importer, docs/decisions/0152)
 * measures each append with it before writing; the store measures with the same rule, so
 * what `check` passes the store takes, and what it refuses the store refuses.
 */
export interface AppendLimit {
  /** The most bytes one append may carry, counted as `check` counts them. */
  readonly bytes: number;
  /** The bytes the store counts for one event: what a caller grouping events into appends adds up (`hearth migrate`). */
  sizeOf(event: EventToAppend): number;
  /** Why the store would refuse this append for its size, or undefined when it fits. */
  check(streamId: string, events: readonly EventToAppend[]): AppendOverLimit | undefined;
}

/** The `code` of the error a store throws for an append over its limit (KurrentDB's `AppendSizeLimitError`). */
export const APPEND_TOO_LARGE = 'HEARTH_APPEND_TOO_LARGE';

/**
 * An append refused for its size, told by its code so that a caller need not load the
 * adapter: nothing was stored, and the same append will be refused again.
 */
export const isAppendOverLimitError = (e: unknown): e is Error & AppendOverLimit => errorCodeOf(e) === APPEND_TOO_LARGE;
