import { canonicalJson } from '../canonical-json';
import { HouseholdCommand } from './commands';
import { commandBehind } from './replay';
import { CommandTrace } from './state';

/** What a command asks for: every field but who sent it, why, and under which id (domain.md §4 check 3). */
const contentOf = (c: HouseholdCommand): string => {
  const { actor: _a, note: _n, commandId: _c, ...content } = c as HouseholdCommand & { actor?: string; note?: string; commandId?: string };
  return canonicalJson(content);
};

/**
 * Whether `c` is the command that left `trace` under its commandId: the command that
 * event answers (replay.ts, the one home of that mapping), on the same business date,
 * with the same content. A retry matches; the id reused for anything else does not
 * (docs/decisions/0019-repeated-facts.md).
 */
export const isCommandOf = (c: HouseholdCommand, trace: CommandTrace): boolean => {
  const original = commandBehind(trace.event, c.householdId, trace.occurredOn);
  return original !== undefined && contentOf(original) === contentOf(c);
};
