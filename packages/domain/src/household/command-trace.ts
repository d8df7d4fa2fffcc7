import { canonicalJson } from '../canonical-json';
import { commandBehind } from './command-behind';
import { HouseholdCommand } from './commands';
import { HouseholdEvent } from './events';
import { CommandTrace } from './state';

/**
 * What a command asks for: every field but who sent it, why, under which id and for
 * which household (the stream says that), as canonical JSON (domain.md §4 check 3).
 */
const contentOf = (c: HouseholdCommand): string => {
  const { actor: _a, note: _n, commandId: _c, householdId: _h, ...content } = c as HouseholdCommand & { actor?: string; note?: string; commandId?: string };
  return canonicalJson(content);
};

/**
 * What the stream keeps of the command that appended `first` (its first event) on `on`:
 * the command that event answers (command-behind.ts, the one home of that mapping) and
 * its content, exactly — canonical JSON, not a hash, so a match needs no confirmation.
 */
export const commandTraceOf = (first: HouseholdEvent, on: string): CommandTrace => {
  const original = commandBehind(first, '', on);
  return original === undefined ? { eventType: first.type, occurredOn: on } : { eventType: first.type, occurredOn: on, content: contentOf(original) };
};

/**
 * Whether `c` is the command that left `trace` under its commandId: the same command
 * on the same business date with the same content. A retry matches; the id reused for
 * anything else does not (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, trace: CommandTrace): boolean =>
  trace.content !== undefined && trace.content === contentOf(c);
