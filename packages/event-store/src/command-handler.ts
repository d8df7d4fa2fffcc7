import { isLeft } from 'fp-ts/Either';
import type { AcceptedEvent, CommandResult } from './command-result';
import type { CommandEnvelope } from './decider';
import type { EventToAppend } from './envelope';
import { prepareEvents } from './event-preparation';
import { FoldingCommandHandler, type CommandHandlerOptions } from './folding-command-handler';
import { sealEvents } from './hash-chain';
import { foldDecided, type StreamFold } from './stream-fold';
import { isWrongExpectedVersionError } from './wrong-expected-version-error';

export const acceptedEvents = (sealed: readonly EventToAppend[], firstVersion: number): AcceptedEvent[] =>
  sealed.map((e, i) => ({ eventId: e.eventId, type: e.type, streamVersion: firstVersion + i, hash: e.metadata.hash }));

/**
 * decide → seal → append with the version folded to. The folded state of each stream is
 * cached (FoldedStreams, bounded). A warm stream is decided on its cached fold without a
 * read, and that fold is then checked against the store: an accepted decision by its
 * append's expected version (the store's own `max(version)` read, in the write
 * transaction), a rejection or an "unchanged" by one `streamVersion` read. A fold found
 * behind (another handler or process appended) is caught up — only the events stored
 * after it are read — and the command decided again, without counting an attempt
 * (docs/decisions/0071-check-the-cached-fold-at-the-append.md). A cold stream is read
 * first. Commands on one stream are handled one after the other (see `handle`). On a
 * version conflict of a caught-up decision (another handler or process wrote) it reads the
 * events written meanwhile and decides again, at most `maxRetries` more times. A command that reads the
 * stream's past (Decider.needsHistory) gets the stored events up to the version it
 * decides on.
 */
export class CommandHandler<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> extends FoldingCommandHandler<Cmd, Evt, State, Ctx, Err> {
  /** The last command of each stream still being handled here: the next one waits for it. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(opts: CommandHandlerOptions<Cmd, Evt, State, Ctx, Err>) {
    super(opts, 1000);
  }

  /**
   * Commands on one stream take turns here (in arrival order), so that this handler's own
   * commands never race each other into a version conflict, however long the store's round
   * trip (KurrentDB: a dozen concurrent commands on one household answered one CONFLICT,
   * each attempt losing to a sibling). Conflicts, and the bounded retry, remain for writes
   * made by another handler or process. Commands on different streams run concurrently.
   */
  handle(cmd: Cmd, ctx: Ctx): Promise<CommandResult<Err>> {
    let envelope: CommandEnvelope;
    try {
      envelope = this.describe(cmd);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const { streamId } = envelope;
    const before = this.inFlight.get(streamId);
    const run = before === undefined ? this.handleInTurn(cmd, envelope, ctx) : before.then(() => this.handleInTurn(cmd, envelope, ctx));
    // The stream leaves the map in the same reaction that lets its next command go: one
    // promise and one microtask a command fewer than a separate `.then` for it.
    const settled: Promise<void> = run.then(
      () => this.leave(streamId, settled),
      () => this.leave(streamId, settled),
    );
    this.inFlight.set(streamId, settled);
    return run;
  }

  /** Forgets `streamId`'s turn unless a later command of it has queued since. */
  private leave(streamId: string, settled: Promise<void>): void {
    if (this.inFlight.get(streamId) === settled) this.inFlight.delete(streamId);
  }

  /** `envelope` is `describe(cmd)`, made once in `handle`. */
  private async handleInTurn(cmd: Cmd, envelope: CommandEnvelope, ctx: Ctx): Promise<CommandResult<Err>> {
    const { streamId } = envelope;
    // The cached fold, not yet checked against the store; undefined: read the stream first.
    let unchecked = this.streams.cached(streamId);
    let fold: StreamFold<State> | undefined;
    const attempts = this.maxRetries + 1;
    for (let attempt = 1; attempt <= attempts; ) {
      const decided = unchecked ?? (fold = await this.streams.catchUp(streamId, fold));
      const withHistory = this.decider.needsHistory?.(cmd, decided.state) === true ? this.decider.withHistory : undefined;
      const decision = this.decider.decide(cmd, decided.state, withHistory ? withHistory(ctx, await this.streams.history(streamId, decided.version)) : ctx);
      if (isLeft(decision) || decision.right.length === 0) {
        // An answer that appends nothing is only given on a fold as recent as the store's.
        if (unchecked !== undefined && (await this.store.streamVersion(streamId)) !== decided.version) {
          fold = unchecked;
          unchecked = undefined;
          continue;
        }
        if (isLeft(decision)) return { status: 'rejected', streamId, error: decision.left };
        return { status: 'unchanged', streamId, version: decided.version };
      }
      const sealed = sealEvents(decided.lastHash, prepareEvents(decision.right, envelope, this.preparation));
      try {
        const result = await this.store.appendToStream(streamId, sealed, decided.version);
        this.streams.remember(streamId, foldDecided(this.decider, decided, decision.right, sealed));
        return {
          status: 'accepted',
          streamId,
          events: acceptedEvents(sealed, decided.version + 1),
          nextExpectedVersion: result.nextExpectedVersion,
          lastPosition: result.lastPosition,
        };
      } catch (error) {
        if (!isWrongExpectedVersionError(error)) throw error;
      }
      // The cached fold was behind the store: decided again once caught up, as the first attempt.
      if (unchecked !== undefined) {
        fold = unchecked;
        unchecked = undefined;
      } else attempt++;
    }
    return { status: 'conflict', streamId, attempts };
  }
}
