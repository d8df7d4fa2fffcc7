import { isLeft } from 'fp-ts/Either';
import { acceptedEvents } from './command-handler';
import { FoldingCommandHandler, type CommandHandlerOptions } from './folding-command-handler';
import type { AcceptedEvent } from './command-result';
import { conflictResults, decisionOf, newRun, versionChecks, type AttemptRun, type Outcome, type Overlaid } from './batch-attempt';
import { statusOf, type BatchDecision, type BatchResult, type BatchStatus } from './batch-result';
import type { CommandEnvelope, StoredFact } from './decider';
import type { EventPreparation } from './event-preparation';
import { prepareEvents } from './event-preparation';
import type { AppendResult, StreamAppend, WriteSession } from './event-store';
import { sealEvents } from './hash-chain';
import type { StreamReader } from './folded-streams';
import { foldDecided } from './stream-fold';
import { isWrongExpectedVersionError } from './wrong-expected-version-error';

/**
 * How a batch meets the store's write transaction:
 * - `as-decided` (the default): in a write session (EventStore.writeSession), each accepted
 *   command's append is written as soon as it is decided, the streams read inside the
 *   transaction (docs/decisions/0083); a store without sessions is written as below;
 * - `after-deciding`: the whole batch is decided first, its streams read outside any
 *   transaction, and then written in one transaction, through a write session where the
 *   store has them, else with one appendBatch. The store's write lock is held only while
 *   the batch is written, so that several processes importing parts of one file into one
 *   SQLite file decide at the same time (docs/decisions/0172).
 */
export type BatchWrites = 'as-decided' | 'after-deciding';

/** The single-command handler's options; `cacheSize` (streams whose folded state is kept between batches) defaults to 10 000 here. */
export type BatchCommandHandlerOptions<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> = CommandHandlerOptions<Cmd, Evt, State, Ctx, Err> & {
  writes?: BatchWrites;
};

/** What handleMany's options may carry (see there). */
export interface HandleManyOptions<Err> {
  alsoAppend?: readonly StreamAppend[] | ((decided: readonly BatchDecision<Err>[]) => readonly StreamAppend[]);
}

/**
 * For bulk imports: decides many commands against cached stream states and writes
 * them in ONE transaction: in a write session (EventStore.writeSession, SQLite), each
 * accepted command's append as soon as it is decided, so that its sealed events need not
 * outlive it (docs/decisions/0083); elsewhere, or with `writes: 'after-deciding'`, once the
 * whole batch is decided (BatchWrites).
 *
 * Later commands of a batch see the events of earlier ones through a per-attempt
 * overlay; the cache itself only ever holds states that are in the store (it is
 * filled from reads, and from the overlay once the batch has committed). A version
 * conflict means another writer touched a stream: the cached states of every stream
 * the batch wrote are dropped and the whole batch is decided again from the store,
 * at most `maxRetries` more times. A command rejected or found unchanged on a cached
 * state (with `after-deciding`, on any state) appends nothing, so its stream's version is
 * checked in the same batch (an append of no event at the version decided on,
 * batch-attempt.ts versionChecks): a state another writer moved on is then decided again
 * rather than answered wrongly. Each command becomes its own StreamAppend, so the
 * global order of the events is the order of the commands; the events of one attempt,
 * stored in one transaction, share one `recordedAt`. The cache holds folded
 * states, never logs; a command that reads the stream's past (Decider.needsHistory)
 * reads the stream then, plus what this batch decided for it. On a store with an append
 * limit (EventStore.appendLimit: KurrentDB) an accepted command whose events the store
 * would refuse for their size is reported `too-large` and appends nothing, as a rejected
 * one: the batch is written without it, and it leaves nothing in the overlay or the cache.
 */
export class BatchCommandHandler<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> extends FoldingCommandHandler<Cmd, Evt, State, Ctx, Err> {
  private readonly writes: BatchWrites;

  constructor(opts: BatchCommandHandlerOptions<Cmd, Evt, State, Ctx, Err>) {
    super(opts, 10_000);
    this.writes = opts.writes ?? 'as-decided';
  }

  /**
   * `alsoAppend` is written in the same batch as the commands' events (one transaction
   * on SQLite): the importer keeps its per-file checkpoint there, so that progress and
   * effects can never disagree after a crash. It is written even when no command
   * appends anything. Deciding again cannot fix a wrong expected version in
   * `alsoAppend`, so that WrongExpectedVersionError is thrown, with nothing stored.
   * Given as a function, it is built from each attempt's decisions (the importer records
   * the lines rejected in the batch with its checkpoint); one that throws abandons the
   * attempt: nothing of it is stored (a write session rolls back) or cached, and the error
   * is thrown (the importer's checkpoint over the store's append limit: it writes the batch
   * in parts).
   */
  async handleMany(cmds: readonly Cmd[], ctx: Ctx, opts: HandleManyOptions<Err> = {}): Promise<BatchResult<Err>[]> {
    return (await this.handle(cmds, ctx, opts, true)) as BatchResult<Err>[];
  }

  /**
   * handleMany, for a caller that reads only how each command went (the importer): the
   * same decisions, the same events stored in the same transaction, but no accepted
   * command's events, versions or position reported, so none of it is built.
   */
  async decideMany(cmds: readonly Cmd[], ctx: Ctx, opts: HandleManyOptions<Err> = {}): Promise<BatchStatus<Err>[]> {
    return (await this.handle(cmds, ctx, opts, false)) as BatchStatus<Err>[];
  }

  /** `whole`: every command's CommandResult; else its BatchStatus. */
  private async handle(cmds: readonly Cmd[], ctx: Ctx, opts: HandleManyOptions<Err>, whole: boolean): Promise<BatchResult<Err>[] | BatchStatus<Err>[]> {
    const envelopes = cmds.map((cmd) => this.describe(cmd));
    const attempts = this.maxRetries + 1;
    let run: AttemptRun<Evt, State, Err> = newRun();
    for (let attempt = 1; attempt <= attempts; attempt++) {
      run = newRun();
      try {
        const results =
          this.store.writeSession && this.writes === 'as-decided'
            ? await this.store.writeSession((session) => this.attempt(cmds, envelopes, ctx, opts, run, session, whole))
            : await this.attempt(cmds, envelopes, ctx, opts, run, undefined, whole);
        for (const [streamId, { fold }] of run.overlay) this.streams.remember(streamId, fold);
        return results;
      } catch (error) {
        if (!isWrongExpectedVersionError(error)) throw error;
        if (!run.written.has(error.streamId) && !run.checks.some((c) => c.streamId === error.streamId)) throw error;
        for (const streamId of run.written) this.streams.forget(streamId);
        for (const { streamId } of run.checks) this.streams.forget(streamId);
      }
    }
    const results = conflictResults(run.outcomes, envelopes, attempts, run.checks);
    return whole ? results : results.map(statusOf);
  }

  /**
   * One attempt at the batch: every command decided in order, then its version checks and
   * `alsoAppend`. In a write session (`session`, EventStore.writeSession) each accepted
   * command's append is written as soon as it is decided, so its sealed events are garbage
   * at once and its texts soon after (SQLite inserts a few dozen rows a statement) instead
   * of living until the batch is stored; otherwise the appends
   * are collected and written once all are decided (writeDecided). Either way one transaction, the same
   * appends in the same order, the same checks.
   */
  private async attempt(
    cmds: readonly Cmd[],
    envelopes: readonly CommandEnvelope[],
    ctx: Ctx,
    opts: HandleManyOptions<Err>,
    run: AttemptRun<Evt, State, Err>,
    session: WriteSession | undefined,
    whole: boolean,
  ): Promise<BatchResult<Err>[] | BatchStatus<Err>[]> {
    const { overlay, outcomes } = run;
    const appends: StreamAppend[] = [];
    const reader = session ?? this.store;
    // The attempt's events are stored in one transaction: they are recorded at one time, read once.
    const recordedAt = this.preparation.now();
    const preparation: EventPreparation<Evt> = { ...this.preparation, now: () => recordedAt };
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[i] as Cmd;
      const envelope = envelopes[i] as CommandEnvelope;
      // Awaited only when the store is read: most commands of an import meet a stream
      // already in the overlay or the cache, and are decided without a promise.
      let seen = overlay.get(envelope.streamId);
      if (seen === undefined) {
        seen = this.cachedSight(envelope.streamId) ?? { fold: await this.streams.catchUp(envelope.streamId, undefined, reader), pending: [], cached: false };
        overlay.set(envelope.streamId, seen);
      }
      const reads = this.decider.withHistory !== undefined && this.decider.needsHistory?.(cmd, seen.fold.state) === true;
      const history = reads ? await this.historyOf(envelope.streamId, seen, reader) : undefined;
      const outcome = this.decideOne(cmd, envelope, ctx, seen, history, overlay, preparation, whole);
      if (outcome.kind === 'pending') {
        const append = outcome.append as StreamAppend;
        run.written.add(append.streamId);
        if (session) {
          outcome.lastPosition = session.append(append).lastPosition;
          outcome.append = undefined;
        } else appends.push(append);
      }
      outcomes.push(outcome);
    }
    run.checks = versionChecks(outcomes, overlay, run.written, this.writes === 'after-deciding');
    const alsoAppend = typeof opts.alsoAppend === 'function' ? opts.alsoAppend(outcomes.map(decisionOf)) : (opts.alsoAppend ?? []);
    if (session) {
      for (const a of run.checks) session.append(a);
      for (const a of alsoAppend) session.append(a);
    } else if (appends.length > 0 || run.checks.length > 0 || alsoAppend.length > 0) {
      const stored = await this.writeDecided([...appends, ...run.checks, ...alsoAppend]);
      let next = 0;
      for (const o of outcomes) if (o.kind === 'pending') o.lastPosition = (stored[next++] as AppendResult).lastPosition;
    }
    if (!whole) return outcomes.map(decisionOf);
    return outcomes.map((o) => {
      if (o.kind === 'final') return o.result;
      const { streamId, firstVersion, lastPosition } = o;
      const events = o.events as AcceptedEvent[];
      return { status: 'accepted', streamId, events, nextExpectedVersion: firstVersion + events.length - 1, lastPosition };
    });
  }

  /**
   * A decided batch in one transaction: through a write session where the store has one
   * (`after-deciding`: rows several a statement, the session's WAL interval), else appendBatch.
   */
  private writeDecided(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.store.writeSession === undefined) return this.store.appendBatch(appends);
    return this.store.writeSession(async (session) => appends.map((a) => session.append(a)));
  }

  /** `history`: the stream's past, when the decider asked for it (Decider.needsHistory); `whole`: the accepted events are reported. */
  private decideOne(
    cmd: Cmd,
    envelope: CommandEnvelope,
    ctx: Ctx,
    seen: Overlaid<Evt, State>,
    history: readonly StoredFact<Evt>[] | undefined,
    overlay: Map<string, Overlaid<Evt, State>>,
    preparation: EventPreparation<Evt>,
    whole: boolean,
  ): Outcome<Err> {
    const { streamId } = envelope;
    // The cached fold as it is: a stream another writer moved on makes the batch's append or version check conflict, and the batch is decided again.
    const { fold, pending, cached } = seen;
    const decided = history !== undefined && this.decider.withHistory !== undefined ? this.decider.withHistory(ctx, history) : ctx;
    const decision = this.decider.decide(cmd, fold.state, decided);
    if (isLeft(decision)) return { kind: 'final', result: { status: 'rejected', streamId, error: decision.left } };
    if (decision.right.length === 0) {
      return { kind: 'final', result: { status: 'unchanged', streamId, version: fold.version } };
    }
    const sealed = sealEvents(fold.lastHash, prepareEvents(decision.right, envelope, preparation));
    // Refused here, not by the store's append: the rest of the batch is still written, and
    // the stream's later commands are decided without these events (docs/decisions/0152).
    const refusal = this.store.appendLimit?.check(streamId, sealed);
    if (refusal !== undefined) return { kind: 'final', result: { status: 'too-large', streamId, refusal } };
    overlay.set(streamId, { fold: foldDecided(this.decider, fold, decision.right, sealed, pending), pending, cached });
    const firstVersion = fold.version + 1;
    return { kind: 'pending', streamId, append: { streamId, expectedVersion: fold.version, events: sealed }, events: whole ? acceptedEvents(sealed, firstVersion) : undefined, firstVersion, lastPosition: 0 };
  }

  /** The stored events of the stream up to where this attempt found it, and what the attempt decided for it since. */
  private async historyOf(streamId: string, { fold, pending }: Overlaid<Evt, State>, reader: StreamReader): Promise<StoredFact<Evt>[]> {
    return [...(await this.streams.history(streamId, fold.version - pending.length, reader)), ...pending];
  }

  private cachedSight(streamId: string): Overlaid<Evt, State> | undefined {
    const cached = this.streams.cached(streamId);
    return cached ? { fold: cached, pending: [], cached: true } : undefined;
  }
}
