import * as E from 'fp-ts/Either';
import {
  decideDivisionTree, DecisionContext, Division, DIVISIONS_STREAM, DivisionTree, DivisionTreeRecorded, DomainError,
  commandEnvelope, HouseholdCommand, householdDecider, HouseholdEvent, HouseholdState, Policy,
  buildDivisionTree, fieldErrors,
} from '@hearth/domain';
import {
  BatchCommandHandler, CommandEnvelope, CommandHandler, EventStore, householdEventCodec, sealEvents, GENESIS_HASH, uuidV7,
} from '@hearth/event-store';
import { openStore } from './open-store';

export const SCHEMA_VERSION = 1;
export const SYSTEM_ACTOR = 'system';

export interface LedgerOptions {
  readonly storeUrl: string;
  readonly policy: Policy;
  /** System time, injectable for tests. */
  readonly now?: () => string;
  readonly actor?: string;
}

type Handler = CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>;
type BatchHandler = BatchCommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>;

/**
 * The application around the domain: a store, the division tree in force, the policy,
 * and command handlers wired to the household Decider. The CLI and the HTTP API both
 * work through it.
 */
export class Ledger {
  private constructor(
    readonly store: EventStore,
    readonly policy: Policy,
    private tree: DivisionTree | undefined,
    private readonly now: () => string,
    private readonly actor: string,
  ) {}

  static async open(opts: LedgerOptions): Promise<Ledger> {
    const store = await openStore(opts.storeUrl);
    const ledger = new Ledger(store, opts.policy, undefined, opts.now ?? (() => new Date().toISOString()), opts.actor ?? SYSTEM_ACTOR);
    ledger.tree = await ledger.readDivisionTree();
    return ledger;
  }

  get divisions(): DivisionTree | undefined {
    return this.tree;
  }

  /** The decision context; a ledger with no division tree has an empty one (every household is then UNKNOWN_DIVISION). */
  context(): DecisionContext {
    return { policy: this.policy, divisions: this.tree ?? emptyTree, recordedAt: this.now(), actor: this.actor };
  }

  describe = (cmd: HouseholdCommand): CommandEnvelope => commandEnvelope(cmd, this.actor);

  commandHandler(): Handler {
    return new CommandHandler({ store: this.store, decider: householdDecider, describe: this.describe, now: this.now, schemaVersion: SCHEMA_VERSION, codec: householdEventCodec });
  }

  batchHandler(cacheSize = 50_000): BatchHandler {
    return new BatchCommandHandler({ store: this.store, decider: householdDecider, describe: this.describe, now: this.now, schemaVersion: SCHEMA_VERSION, codec: householdEventCodec, cacheSize });
  }

  /** Records a division tree; the same tree again records nothing. */
  async recordDivisionTree(input: unknown, on: string): Promise<E.Either<ReturnType<typeof fieldErrors>, { changed: boolean; divisions: number }>> {
    const events = await this.store.readStream(DIVISIONS_STREAM);
    const last = events[events.length - 1];
    const current = last ? (last.data as DivisionTreeRecorded['data']).divisions : undefined;
    const decided = decideDivisionTree(input, current);
    if (E.isLeft(decided)) return decided;
    const { tree, events: toAppend } = decided.right;
    if (toAppend.length > 0) {
      const sealed = sealEvents(
        last ? last.metadata.hash : GENESIS_HASH,
        toAppend.map((e) => ({ eventId: uuidV7(), type: e.type, data: e.data, metadata: { occurredOn: on, recordedAt: this.now(), actor: this.actor, schemaVersion: SCHEMA_VERSION } })),
      );
      await this.store.appendToStream(DIVISIONS_STREAM, sealed, last ? last.streamVersion : 'no_stream');
    }
    this.tree = tree;
    return E.right({ changed: toAppend.length > 0, divisions: tree.all.length });
  }

  private async readDivisionTree(): Promise<DivisionTree | undefined> {
    const events = await this.store.readStream(DIVISIONS_STREAM);
    const last = events[events.length - 1];
    if (!last) return undefined;
    const built = buildDivisionTree((last.data as { divisions: Division[] }).divisions);
    if (E.isLeft(built)) throw new Error(`the stored division tree is invalid: ${JSON.stringify(built.left)}`);
    return built.right;
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}

const emptyTree: DivisionTree = {
  root: { code: '', name: '', parentCode: null, level: 'region' },
  all: [],
  get: () => undefined,
  children: () => [],
  lineage: () => [],
  contains: () => false,
};
