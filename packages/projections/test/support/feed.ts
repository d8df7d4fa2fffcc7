import {
  commandEnvelope, DecisionContext, DomainError, HouseholdCommand, householdDecider, HouseholdEvent, HouseholdState, householdStream,
} from '@hearth/domain';
import { CommandHandler, CommandResult, EventStore, householdEventCodec } from '@hearth/event-store';


export interface FeedOptions {
  /** System time of a command's events (default: noon UTC of its business date, so nothing is a late recording). */
  readonly recordedAt?: (c: HouseholdCommand) => string;
  /** Throw on a rejected command (hand-written scenarios), or skip it (generated ones). */
  readonly strict?: boolean;
}

export interface FeedResult {
  readonly accepted: number;
  readonly rejected: { command: HouseholdCommand; error: DomainError }[];
  /** Position of the last event appended. */
  readonly lastPosition: number;
}

/**
 * Decides and appends commands through the event store's CommandHandler, as the CLI
 * does. A CorrectEvent whose eventId is a placeholder `@<EventType>#<n>` names the n-th
 * stored event of that type in the household's stream (ids are uuids, unknown before
 * the append); a placeholder that names nothing skips the command. A correction
 * `{ '@amendMembers': true }` is computed from the target (see amendMembers).
 */
export const feed = async (store: EventStore, commands: readonly HouseholdCommand[], ctx: DecisionContext, opts: FeedOptions = {}): Promise<FeedResult> => {
  let recordedAt = '';
  const handler = new CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>({
    store,
    decider: householdDecider,
    codec: householdEventCodec,
    schemaVersion: 1,
    now: () => recordedAt,
    describe: (c) => commandEnvelope(c, 'caseworker-1'),
  });
  let accepted = 0;
  let lastPosition = 0;
  const rejected: FeedResult['rejected'] = [];
  for (const original of commands) {
    const command = await resolvePlaceholder(store, original);
    if (!command) continue;
    recordedAt = opts.recordedAt?.(command) ?? `${command.on}T12:00:00.000Z`;
    const result: CommandResult<DomainError> = await handler.handle(command, ctx);
    if (result.status === 'accepted') {
      accepted += 1;
      lastPosition = result.lastPosition;
    } else if (result.status === 'rejected') {
      if (opts.strict) throw new Error(`${command.type} of ${command.householdId} on ${command.on} rejected: ${result.error.code} ${result.error.message}`);
      rejected.push({ command, error: result.error });
    } else if (result.status === 'conflict') throw new Error('unexpected version conflict');
  }
  return { accepted, rejected, lastPosition };
};

const resolvePlaceholder = async (store: EventStore, c: HouseholdCommand): Promise<HouseholdCommand | undefined> => {
  if (c.type !== 'CorrectEvent' || !c.eventId.startsWith('@')) return c;
  const [type, n] = c.eventId.slice(1).split('#');
  const matching = (await store.readStream(householdStream(c.householdId))).filter((e) => e.type === type);
  const target = matching[Number(n) % Math.max(1, matching.length)];
  if (!target) return undefined;
  const correction = '@amendMembers' in c.correction ? amendMembers(target.data) : c.correction;
  return { ...c, eventId: target.eventId, correction };
};

/**
 * A correction of the `members` of a registration or a survey, which a generator cannot
 * write without seeing the event: the first member ages by 30 years (registration), or
 * changes their mind about work and their labour capacity (survey).
 */
const amendMembers = (data: unknown): Record<string, unknown> => {
  const members = (data as { members: Record<string, unknown>[] }).members;
  const [first, ...rest] = members;
  if (!first) return {};
  const amended =
    'birthYear' in first
      ? { ...first, birthYear: Math.max(1900, (first.birthYear as number) - 30) }
      : { ...first, wantsWork: !first.wantsWork, laborCapacity: first.laborCapacity === 'none' ? 'full' : 'none' };
  return { members: [amended, ...rest] };
};
