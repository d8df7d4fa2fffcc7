import { canonicalJson } from '../canonical-json';
import { answeredBy, commandBehind } from './command-behind';
import { HouseholdCommand } from './commands';
import { contentHash } from './content-hash';
import { Content, contentOf as contentOfFields, sameContent } from './fingerprint';
import { EventType, HouseholdEvent } from './events';
import { CommandTrace } from './state';

/** Fields that are not what a command asks for: who sent it, why, under which id, and the household (the stream says it). */
const notContent = (key: string): boolean => key === 'actor' || key === 'note' || key === 'commandId' || key === 'householdId';

/** What a command asks for, as canonical JSON (domain.md §4 check 3). */
const contentOf = (c: HouseholdCommand): string => {
  const { actor: _a, note: _n, commandId: _c, householdId: _h, ...content } = c as HouseholdCommand & { actor?: string; note?: string; commandId?: string };
  return canonicalJson(content);
};

/**
 * The events whose data the state keeps as a content anyway (state.ts: the registration,
 * members added, offers, referrals, employments, visits; the entity's
 * `fingerprint`): their trace refers to the same data instead of hashing it, so folding
 * the stream's largest events feeds no character to a hash, and a reused id is compared
 * with the stored command exactly. Their data holds nothing but the command's content
 * (HouseholdRegistered's one copy, `householdId`, is never content). A survey's data is
 * not kept (survey-print.ts): its trace is a fingerprint, as for the small events.
 */
const KEEPS_CONTENT: ReadonlySet<EventType> = new Set<EventType>([
  'HouseholdRegistered', 'MemberAdded', 'TrainingOffered', 'MemberReferred', 'MemberEmployed', 'FollowUpVisited',
]);

/** The content the state keeps of `event` (its data and date), for the event types it keeps one of; built once by `evolve` for the entity and the trace. */
export const keptContent = (event: HouseholdEvent, on: string): Content | undefined => (KEEPS_CONTENT.has(event.type) ? contentOfFields(event.data, on) : undefined);

/**
 * What a stream keeps of the command that appended `first` (its first event) on `on`:
 * the event's type and date and the command's content — the command that event answers
 * (command-behind.ts, the one home of that mapping) — as the event's own data where the
 * state keeps it (`content`, the very object the entity holds), otherwise as a 64-bit
 * fingerprint hashed without building the command — or the one given, which the caller
 * has computed for that content already (a survey's print, survey-print.ts).
 */
export const commandTraceOf = (first: HouseholdEvent, on: string, content: Content | undefined = keptContent(first, on), fingerprint?: string): CommandTrace => {
  if (content !== undefined) return { eventType: first.type, occurredOn: on, content, fingerprint: undefined };
  if (fingerprint !== undefined) return { eventType: first.type, occurredOn: on, content: undefined, fingerprint };
  const answer = answeredBy(first.type);
  if (answer === undefined) return { eventType: first.type, occurredOn: on, content: undefined, fingerprint: undefined };
  const [type, copies] = answer;
  return { eventType: first.type, occurredOn: on, content: undefined, fingerprint: contentHash(first.data, type, on, notContent, copies) };
};

/**
 * Whether `c` asks for what the command behind `trace` asked for: for a kept content,
 * exactly (the same command type, date and content); for a fingerprint, a different one
 * proves another command and an equal one is a near-certain match the caller confirms.
 */
export const matchesTrace = (c: HouseholdCommand, trace: CommandTrace): boolean => {
  if (trace.content !== undefined) return answeredBy(trace.eventType)?.[0] === c.type && sameContent(trace.content, contentOfFields(c, c.on));
  return trace.fingerprint !== undefined && trace.fingerprint === contentHash(c, c.type, c.on, notContent);
};

/**
 * Whether `c` is, exactly, the command that appended `first` on `on`: the same command on
 * the same business date with the same content. A retry is; the id reused for anything
 * else is not (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, first: HouseholdEvent, on: string): boolean => {
  const original = commandBehind(first, c.householdId, on);
  return original !== undefined && contentOf(original) === contentOf(c);
};
