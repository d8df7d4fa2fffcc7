import { canonicalJson } from '../canonical-json';
import { answeredBy, commandBehind } from './command-behind';
import { HouseholdCommand } from './commands';
import { contentHash } from './content-hash';
import { HouseholdEvent } from './events';
import { CommandTrace } from './state';

/** Fields that are not what a command asks for: who sent it, why, under which id, and the household (the stream says it). */
const notContent = (key: string): boolean => key === 'actor' || key === 'note' || key === 'commandId' || key === 'householdId';

/** What a command asks for, as canonical JSON (domain.md §4 check 3). */
const contentOf = (c: HouseholdCommand): string => {
  const { actor: _a, note: _n, commandId: _c, householdId: _h, ...content } = c as HouseholdCommand & { actor?: string; note?: string; commandId?: string };
  return canonicalJson(content);
};

/**
 * What a stream keeps of the command that appended `first` (its first event) on `on`:
 * the event's type and date and a 64-bit fingerprint of the command's content — the
 * command that event answers (command-behind.ts, the one home of that mapping), hashed
 * without building it.
 */
export const commandTraceOf = (first: HouseholdEvent, on: string): CommandTrace => {
  const answer = answeredBy(first.type);
  if (answer === undefined) return { eventType: first.type, occurredOn: on };
  const [type, copies] = answer;
  return { eventType: first.type, occurredOn: on, fingerprint: contentHash(first.data, type, on, notContent, copies) };
};

/** Whether `c` has the fingerprint of the command behind `trace`: a different one proves another command. */
export const matchesTrace = (c: HouseholdCommand, trace: CommandTrace): boolean =>
  trace.fingerprint !== undefined && trace.fingerprint === contentHash(c, c.type, c.on, notContent);

/**
 * Whether `c` is, exactly, the command that appended `first` on `on`: the same command on
 * the same business date with the same content. A retry is; the id reused for anything
 * else is not (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, first: HouseholdEvent, on: string): boolean => {
  const original = commandBehind(first, c.householdId, on);
  return original !== undefined && contentOf(original) === contentOf(c);
};
