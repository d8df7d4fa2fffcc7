import * as E from 'fp-ts/Either';
import {
  decideDivisionTree, DecisionContext, DivisionHistory, DIVISIONS_STREAM, DivisionTree, DomainError, FieldError,
  commandEnvelope, HouseholdCommand, householdDecider, HouseholdEvent, HouseholdState, latestDateAt, NO_DIVISIONS, parseDivisionFile, Policy,
} from '@hearth/domain';
import {
  BatchCommandHandler, type BatchWrites, CommandEnvelope, CommandHandler, EventStore, householdEventCodec, RecordedEvent, sealEvents, GENESIS_HASH, isoNow, StreamAppend, uuidV7,
} from '@hearth/event-store';
import { decideTransfers, divisionHistoryOfEvents, HouseholdRefusal, householdsOutside } from './division-reorganisation';
import { openStore } from './open-store';
import { readableDivisionEvents } from './readable-division-events';

export const SCHEMA_VERSION = 1;

/**
 * Household states a batch handler keeps between batches, at first. A log in household order
 * (`hearth generate`'s, the simulator's) needs only the households of the batch at hand,
 * and a miss only reads that stream again; every state kept longer is live memory the
 * collector traces and moves. 10,000 (decision 81's era, after 50,000 took the full
 * region's import past 2 GiB of RSS: docs/performance/full-region.md) held ~500 MB at
 * 20,000 households; with 1,000 that import's scavenges took 1.4 s less and its CPU fell
 * 4–13% in alternated runs (docs/decisions/0089). A log that comes back to households the
 * cache let go grows it (BATCH_CACHE_MAX_HOUSEHOLDS, decision 107); `--cached-households`
 * alone (ImportOptions.cachedHouseholds) fixes its size.
 */
export const BATCH_CACHE_HOUSEHOLDS = 1_000;
/**
 * How far that cache grows, by default, for a log that comes back to households it
 * evicted (a log in business-date order: a legacy system's export, a ledger kept day by
 * day): one household more for each that comes back, so a log in household order stays at
 * BATCH_CACHE_HOUSEHOLDS and one in date order grows until its households fit, here up to
 * ~12 KB of heap each (docs/decisions/0107-the-import-cache-grows-when-households-come-back.md).
 */
export const BATCH_CACHE_MAX_HOUSEHOLDS = 25_000;
export const SYSTEM_ACTOR = 'system';

export interface LedgerOptions {
  readonly storeUrl: string;
  readonly policy: Policy;
  /** System time, injectable for tests. */
  readonly now?: () => string;
  readonly actor?: string;
  /**
   * The most bytes of data one division-tree event holds (default: the domain's
   * `DIVISION_TREE_PART_BYTES`, 256 KiB); larger trees are recorded in parts (docs/decisions/0056).
   */
  readonly divisionTreePartBytes?: number;
}

/** Why a division tree was not recorded: the file's fields, or the households it would strand. */
export interface DivisionTreeRefusal {
  readonly fields: readonly FieldError[];
  readonly households: readonly HouseholdRefusal[];
}

export interface DivisionTreeRecording {
  /** A new tree was recorded (false: the same tree and successors were already in force). */
  readonly changed: boolean;
  readonly divisions: number;
  /** Households moved to a successor division by this run. */
  readonly moved: number;
  /** The date the tree is in force from: the one asked for, or for the same tree again the one it was recorded with (the ledger's, not the request's). */
  readonly effectiveFrom: string;
}

/** The version of the stream whose events (all of them, in order) are `events`; -1 for none. */
const streamVersionOf = (events: readonly RecordedEvent[]): number => events.at(-1)?.streamVersion ?? -1;

type Handler = CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>;
type BatchHandler = BatchCommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>;

/**
 * The application around the domain: a store, the division tree in force, the policy,
 * and command handlers wired to the household Decider. The CLI and the HTTP API both
 * work through it.
 */
export class Ledger {
  /** Made on first use by commandHandler(). */
  private handler: Handler | undefined;
  /** The division trees as the division stream records them. */
  private history: DivisionHistory;
  /** The division stream's version `history` was read at (-1: no tree recorded). */
  private historyVersion: number;
  /** The one `refreshDivisions()` under way, which concurrent callers share. */
  private refreshing: Promise<boolean> | undefined;

  private constructor(
    readonly store: EventStore,
    readonly policy: Policy,
    divisionEvents: readonly RecordedEvent[],
    /** The ledger's clock (LedgerOptions.now): what it appends is recorded at its readings, an import's checkpoints too. */
    readonly now: () => string,
    /** Who what the ledger appends is recorded as, where a command names no actor: an import's checkpoints too. */
    readonly actor: string,
    private readonly divisionTreePartBytes: number | undefined,
  ) {
    this.history = divisionHistoryOfEvents(divisionEvents);
    this.historyVersion = streamVersionOf(divisionEvents);
  }

  static async open(opts: LedgerOptions): Promise<Ledger> {
    const store = await openStore(opts.storeUrl);
    return Ledger.over(store, opts, await store.readStream(DIVISIONS_STREAM));
  }

  /**
   * `open` for `verify`, which must name a damaged division tree rather than stop at it
   * (docs/decisions/0180): the ledger holds the trees recorded before the first that does
   * not read; verify's check of the division stream names that one. Not for deciding
   * commands: their tree would not be the one in force.
   */
  static async openForAudit(opts: LedgerOptions): Promise<Ledger> {
    const store = await openStore(opts.storeUrl);
    return Ledger.over(store, opts, readableDivisionEvents(await store.readStream(DIVISIONS_STREAM)));
  }

  /** The ledger over an open store, with the options' defaults, its trees read from `divisionEvents`. */
  private static over(store: EventStore, opts: LedgerOptions, divisionEvents: readonly RecordedEvent[]): Ledger {
    return new Ledger(store, opts.policy, divisionEvents, opts.now ?? isoNow, opts.actor ?? SYSTEM_ACTOR, opts.divisionTreePartBytes);
  }

  /**
   * Every division ever recorded (a code keeps its place for ever): what reports are asked
   * for and roll up with, so that a division a later tree dropped still carries the figures
   * of the periods when households were in it. Undefined until a tree is recorded.
   */
  get divisions(): DivisionTree | undefined {
    return this.history.everRecorded;
  }

  /** The division tree in force now: new commands are decided against it. */
  get divisionsInForce(): DivisionTree | undefined {
    return this.history.current;
  }

  get divisionHistory(): DivisionHistory {
    return this.history;
  }

  /**
   * Takes in the division trees another process recorded since this ledger read them (a
   * `hearth divisions load` beside a running service): one read of the division stream's
   * version when nothing changed, the stream read again when it did. True when the trees
   * changed; `divisions` and `divisionsInForce` then return new objects. Concurrent calls
   * share one read (docs/decisions/0084).
   */
  refreshDivisions(): Promise<boolean> {
    this.refreshing ??= this.readDivisionsIfMoved().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readDivisionsIfMoved(): Promise<boolean> {
    if ((await this.store.streamVersion(DIVISIONS_STREAM)) === this.historyVersion) return false;
    return this.takeDivisionEvents(await this.store.readStream(DIVISIONS_STREAM));
  }

  /** Replaces the history by the one `events` (the whole division stream) record, if they are further on than the one held. */
  private takeDivisionEvents(events: readonly RecordedEvent[]): boolean {
    const version = streamVersionOf(events);
    if (version <= this.historyVersion) return false;
    this.history = divisionHistoryOfEvents(events);
    this.historyVersion = version;
    return true;
  }

  /**
   * The decision context: the tree in force now for new commands, and for replays the tree
   * in force when each stored event was recorded. A ledger with no division tree has an
   * empty one (every household is then UNKNOWN_DIVISION).
   */
  context(): DecisionContext {
    const history = this.history;
    return { policy: this.policy, divisions: history.current ?? NO_DIVISIONS, divisionsAt: (p) => history.at(p), recordedAt: this.now(), actor: this.actor };
  }

  describe = (cmd: HouseholdCommand): CommandEnvelope => commandEnvelope(cmd, this.actor);

  /**
   * The ledger's one command handler, the same on every call, so that its cache of folded
   * households (the 1 000 most recently used) serves every caller: the HTTP API, the NestJS
   * command bus, the CLI. A decision on a cached household is checked against the store
   * (its append's expected version, or a version read) and decided again on what another
   * process appended since, if anything (docs/decisions/0065-command-handler-cache.md, 0071).
   */
  commandHandler(): Handler {
    this.handler ??= new CommandHandler({ store: this.store, decider: householdDecider, describe: this.describe, now: this.now, schemaVersion: SCHEMA_VERSION, codec: householdEventCodec });
    return this.handler;
  }

  /** `cacheSize` households kept, growing up to `maxCacheSize` as evicted ones come back (FoldingCommandHandler's maxCacheSize). */
  batchHandler(cacheSize = BATCH_CACHE_HOUSEHOLDS, maxCacheSize = Math.max(cacheSize, BATCH_CACHE_MAX_HOUSEHOLDS), writes: BatchWrites = 'as-decided'): BatchHandler {
    return new BatchCommandHandler({ store: this.store, decider: householdDecider, describe: this.describe, now: this.now, schemaVersion: SCHEMA_VERSION, codec: householdEventCodec, cacheSize, maxCacheSize, writes });
  }

  /**
   * Records a division tree in force from `on` (or the file's `effectiveFrom`). A tree that
   * leaves open households in a division it drops is refused, with those households, unless
   * it names each dropped division's successor: then the households move by
   * `HouseholdTransferred` events dated `effectiveFrom`, appended with the tree in one batch
   * (docs/decisions/0015). The same tree again records nothing, but finishes the moves of a
   * run that was interrupted (a store that cannot append streams atomically). A tree too
   * large for one event goes in parts, one append each (a server's append limit counts
   * every event of an append), in the same batch; the same tree again finishes a recording
   * that stopped between parts (docs/decisions/0056).
   */
  async recordDivisionTree(input: unknown, on: string): Promise<E.Either<DivisionTreeRefusal, DivisionTreeRecording>> {
    const file = parseDivisionFile(input);
    if (E.isLeft(file)) return E.left({ fields: file.left, households: [] });
    const effectiveFrom = file.right.effectiveFrom ?? on;
    // One read gives both the history decided against and the version appended at, so a tree recorded meanwhile is a conflict.
    const stored = await this.store.readStream(DIVISIONS_STREAM);
    const history = divisionHistoryOfEvents(stored);
    const decided = decideDivisionTree(file.right, history, { effectiveFrom, ...(this.divisionTreePartBytes !== undefined ? { partBytes: this.divisionTreePartBytes } : {}) });
    if (E.isLeft(decided)) return E.left({ fields: decided.left, households: [] });
    const { tree, events: treeEvents } = decided.right;
    const recordedAt = this.now();
    const outside = await householdsOutside(this.store, tree, history);
    // "Today" as for a command (docs/decisions/0135): the day after the UTC date has begun east of UTC.
    if (outside.length > 0 && effectiveFrom > latestDateAt(recordedAt))
      return E.left({ fields: [{ path: 'effectiveFrom', message: `the tree moves households, so it is recorded once it is in force: ${effectiveFrom} is after ${latestDateAt(recordedAt)}, the latest date anywhere on earth today (${recordedAt})` }], households: [] });
    const envelope = { recordedAt, actor: this.actor, schemaVersion: SCHEMA_VERSION };
    const transfers = decideTransfers(outside, { policy: this.policy, divisions: tree }, effectiveFrom, envelope);
    if (E.isLeft(transfers)) return E.left({ fields: [], households: transfers.left });
    const last = stored.at(-1);
    const sealed = sealEvents(last ? last.metadata.hash : GENESIS_HASH, treeEvents.map((e) => ({ eventId: uuidV7(), type: e.type, data: e.data, metadata: { occurredOn: effectiveFrom, ...envelope } })));
    const version = last ? last.streamVersion : -1;
    const treeAppend: StreamAppend[] = sealed.map((event, i) => ({ streamId: DIVISIONS_STREAM, expectedVersion: version + i === -1 ? 'no_stream' : version + i, events: [event] }));
    // The tree goes first, so every transfer sits after it in the log and is replayed against it.
    if (treeAppend.length + transfers.right.length > 0) await this.store.appendBatch([...treeAppend, ...transfers.right]);
    this.takeDivisionEvents(await this.store.readStream(DIVISIONS_STREAM));
    // The same tree again records nothing: it is in force from the date it was recorded with, not the one asked now (the
    // last whole tree's: the stream may end with the parts of a later recording that stopped).
    const inForceFrom = treeEvents.length === 0 ? (history.trees.at(-1)?.effectiveFrom ?? effectiveFrom) : effectiveFrom;
    return E.right({ changed: treeEvents.length > 0, divisions: tree.all.length, moved: transfers.right.length, effectiveFrom: inForceFrom });
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
