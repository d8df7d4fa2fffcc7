import { canonicallyEqual } from '../canonical-equal';
import { BusinessDate, dateCode, fromDateCode } from '../dates';
import { answeredBy, commandBehind } from './command-behind';
import { HouseholdCommand } from './commands';
import { contentHash, contentHashBytes } from './content-hash';
import { Content, contentOf as contentOfFields, sameContent } from './fingerprint';
import { EVENT_TYPES, EventType, HouseholdEvent } from './events';
import { SurveyPrint } from './survey-print';

/** Fields that are not what a command asks for: who sent it, why, under which id, and the household (the stream says it). */
const notContent = (key: string): boolean => key === 'actor' || key === 'note' || key === 'commandId' || key === 'householdId';

/** What a command asks for (domain.md §4 check 3): every field but who sent it, why, under which id, and the household. */
const contentOf = (c: HouseholdCommand): object => {
  const { actor: _a, note: _n, commandId: _c, householdId: _h, ...content } = c as HouseholdCommand & { actor?: string; note?: string; commandId?: string };
  return content;
};

/**
 * The events whose data the state keeps as a content anyway (state.ts: the registration,
 * members added, offers, referrals, employments, visits; the entity's
 * `fingerprint`): their trace is that same content, so folding the stream's largest
 * events feeds no character to a hash, and a reused id is compared with the stored
 * command exactly. Their data holds nothing but the command's content
 * (HouseholdRegistered's one copy, `householdId`, is never content). A survey's data is
 * not kept (survey-print.ts): its trace is its print.
 */
const KEEPS_CONTENT: ReadonlySet<EventType> = new Set<EventType>([
  'HouseholdRegistered', 'MemberAdded', 'TrainingOffered', 'MemberReferred', 'MemberEmployed', 'FollowUpVisited',
]);

/** The content of a creating event as the state keeps it: its data and date, and which event it was (the command it answers). */
export interface KeptContent extends Content {
  readonly eventType: EventType;
}

/** The content the state keeps of `event` (its data and date), for the event types it keeps one of; built once by `evolve` for the entity and the trace. */
export const keptContent = (event: HouseholdEvent, on: string): KeptContent | undefined =>
  KEEPS_CONTENT.has(event.type) ? { fields: event.data as Readonly<Record<string, unknown>>, on, eventType: event.type } : undefined;

/**
 * What a stream keeps of the command behind a commandId (the state's command index,
 * command-index.ts): the type and date of the first event it appended, and what that
 * command asked for — never the event, so the state holds no log. One of three, and
 * nothing a state does not hold anyway but for the packed string:
 * - for a creating event whose content the state keeps (`keptContent`), that very content
 *   object (the entity's `fingerprint`), which says its event type and date; compared exactly;
 * - for a survey, its print (survey-print.ts), the one the state keeps in `surveys`;
 * - for any other event, one short string packing the event type, the date and a 64-bit
 *   fingerprint of the command's content (below).
 * The command index holds ~35 of these a household, and every household the importer or
 * the bench keeps alive holds its own: a trace was an object with a fingerprint string
 * of its own, now it is at most one string (docs/decisions/0087-commandid-traces-packed.md).
 */
export type CommandTrace = KeptContent | SurveyPrint | string;

/*
 * A packed trace, one one-byte string: the event type's index in EVENT_TYPES, the date's
 * code (dates.ts `dateCode`) in three bytes, high first, then — when a command answers
 * the event — the command's content fingerprint as eight bytes (`contentHashBytes`).
 * Twelve characters, or four: under thirteen, so V8 builds the joined string flat rather
 * than as a pair of its parts.
 */
const TYPE_CODE: ReadonlyMap<EventType, number> = new Map(EVENT_TYPES.map((type, i) => [type, i]));
const HEAD = 4;
const fromCharCode = String.fromCharCode;

const packedHead = (type: EventType, on: string): string => {
  const date = dateCode(on);
  return fromCharCode(TYPE_CODE.get(type) as number, (date >>> 16) & 255, (date >>> 8) & 255, date & 255);
};

const isKept = (trace: KeptContent | SurveyPrint): trace is KeptContent => 'eventType' in trace;

/** The type of the first event the command behind `trace` appended. */
export const traceEventType = (trace: CommandTrace): EventType => {
  if (typeof trace === 'string') return EVENT_TYPES[trace.charCodeAt(0)] as EventType;
  return isKept(trace) ? trace.eventType : 'HouseholdSurveyed';
};

/** The business date of the command behind `trace`. */
export const traceDate = (trace: CommandTrace): BusinessDate => {
  if (typeof trace === 'string') return fromDateCode((trace.charCodeAt(1) << 16) | (trace.charCodeAt(2) << 8) | trace.charCodeAt(3));
  return trace.on;
};

/**
 * What a stream keeps of the command that appended `first` (its first event) on `on`
 * (`CommandTrace`): the content the state keeps of it (`content`, the very object the
 * entity holds), or the survey's print the state keeps (`print`), or else the event's
 * type and date and a fingerprint of the command — the command that event answers
 * (command-behind.ts, the one home of that mapping) — hashed without building the command.
 */
export const commandTraceOf = (first: HouseholdEvent, on: string, content: KeptContent | undefined = keptContent(first, on), print?: SurveyPrint): CommandTrace => {
  if (content !== undefined) return content;
  if (print !== undefined) return print;
  const answer = answeredBy(first.type);
  if (answer === undefined) return packedHead(first.type, on);
  const [type, copies] = answer;
  return packedHead(first.type, on) + contentHashBytes(first.data, type, on, notContent, copies);
};

/**
 * Whether `c` asks for what the command behind `trace` asked for: for a kept content,
 * exactly (the same command type, date and content); for a fingerprint (a survey's print
 * or a packed trace's), a different one proves another command and an equal one is a
 * near-certain match the caller confirms.
 */
export const matchesTrace = (c: HouseholdCommand, trace: CommandTrace): boolean => {
  if (typeof trace === 'string') return trace.length > HEAD && trace.endsWith(contentHashBytes(c, c.type, c.on, notContent));
  if (isKept(trace)) return answeredBy(trace.eventType)?.[0] === c.type && sameContent(trace, contentOfFields(c, c.on));
  return trace.fingerprint === contentHash(c, c.type, c.on, notContent);
};

/**
 * Whether `c` is, exactly, the command that appended `first` on `on`: the same command on
 * the same business date with the same content. A retry is; the id reused for anything
 * else is not (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, first: HouseholdEvent, on: string): boolean => {
  const original = commandBehind(first, c.householdId, on);
  return original !== undefined && canonicallyEqual(contentOf(original), contentOf(c));
};
