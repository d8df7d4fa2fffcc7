import type { AcceptedEvent } from './command-result';
import { ACCEPTED, decisionOfResult, type BatchDecision, type BatchResult, type Decided } from './batch-result';
import type { CommandEnvelope, StoredFact } from './decider';
import type { StreamAppend } from './event-store';
import type { StreamFold } from './stream-fold';

/**
 * One attempt at a batch (BatchCommandHandler): what its commands saw, how each went, and
 * which of its outcomes the write must check before they stand.
 */

/** A stream as the commands of one attempt see it: its fold, and the events decided for it in this attempt (not stored yet). */
export interface Overlaid<Evt, State> {
  fold: StreamFold<State>;
  pending: StoredFact<Evt>[];
  /** The fold came from the cache, not from a read in this attempt: the store may have moved on. */
  cached: boolean;
}

/**
 * A command's outcome in an attempt: final, or accepted and waiting for the batch to
 * commit — its append (dropped once written, so that its sealed texts need not outlive it),
 * its events as reported (only when the caller asked for whole results), and the position
 * of its last event once written.
 */
export type Outcome<Err> =
  | { kind: 'final'; result: Decided<Err> }
  | { kind: 'pending'; streamId: string; append: StreamAppend | undefined; events: AcceptedEvent[] | undefined; firstVersion: number; lastPosition: number };

/** What an attempt leaves behind for the next one, or for reporting conflicts. */
export interface AttemptRun<Evt, State, Err> {
  overlay: Map<string, Overlaid<Evt, State>>;
  outcomes: Outcome<Err>[];
  /** Streams the attempt appended events to (or meant to). */
  written: Set<string>;
  checks: StreamAppend[];
}

export const newRun = <Evt, State, Err>(): AttemptRun<Evt, State, Err> => ({ overlay: new Map(), outcomes: [], written: new Set(), checks: [] });

export const decisionOf = <Err>(o: Outcome<Err>): BatchDecision<Err> => (o.kind === 'pending' ? ACCEPTED : decisionOfResult(o.result));

/**
 * An append of no event at the version the attempt decided on, for every stream whose
 * commands were all rejected or unchanged on a fold that may be behind the store when the
 * batch is written: a cached fold, or with `after-deciding` (`readOutside`) any fold, every
 * read having been made before the write transaction began. Those outcomes stand only if
 * the stream is still there when the batch is written, so a stream another writer moved on
 * makes the batch conflict and be decided again. A stream the batch writes needs none: its
 * append's expected version checks the same.
 *
 * A fold read in the attempt with `as-decided` is not checked. In a write session it was
 * read inside the transaction. On a store without sessions (KurrentDB, which has no
 * transaction across streams) a rejection on a fresh read stands as of that read, as a
 * single command's does (CommandHandler), and a batch that never commits still reports it as
 * rejected rather than as a lost race; checking it would cost a version read per such
 * stream and would not make the batch atomic there.
 */
export const versionChecks = <Evt, State, Err>(
  outcomes: readonly Outcome<Err>[],
  overlay: ReadonlyMap<string, Overlaid<Evt, State>>,
  written: ReadonlySet<string>,
  readOutside: boolean,
): StreamAppend[] => {
  const checks: StreamAppend[] = [];
  // One check a stream, in the order of its first final outcome; no array per outcome.
  const checked = new Set<string>();
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i] as Outcome<Err>;
    if (o.kind !== 'final') continue;
    const { streamId } = o.result;
    if (checked.has(streamId)) continue;
    checked.add(streamId);
    const seen = overlay.get(streamId);
    if (seen !== undefined && (seen.cached || readOutside) && !written.has(streamId)) checks.push({ streamId, expectedVersion: seen.fold.version, events: [] });
  }
  return checks;
};

/**
 * The batch never committed. Every command on a stream the batch wanted to write (or
 * check) was decided against events that do not exist, or not against all that do, so
 * each of them is reported as a conflict; commands on other streams keep their
 * (store-based) outcome.
 */
export const conflictResults = <Err>(
  outcomes: readonly Outcome<Err>[],
  envelopes: readonly CommandEnvelope[],
  attempts: number,
  checks: readonly StreamAppend[],
): BatchResult<Err>[] => {
  const written = new Set([...outcomes.flatMap((o) => (o.kind === 'pending' ? [o.streamId] : [])), ...checks.map((c) => c.streamId)]);
  return outcomes.map((o, i) => {
    const streamId = (envelopes[i] as CommandEnvelope).streamId;
    if (o.kind === 'final' && !written.has(streamId)) return o.result;
    return { status: 'conflict', streamId, attempts };
  });
};
