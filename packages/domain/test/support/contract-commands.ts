import * as E from 'fp-ts/Either';
import { DecisionContext, ErrorCode, HouseholdCommand, HouseholdEvent, parseCommand, referencePolicy } from '../../src';
import { decisionOf, GivenFact, isPathOf, outcomeOf, testContext } from '../../src/testing';

/**
 * Table rows for the contract audit of domain.md §4.3, §4.5 and §4.6: each row is one
 * clause, given a history, when a command, then the events or the error the contract names.
 * Decided as a command handler decides (the stream's history handed over when the Decider
 * asks for it), through the package's public entry points only.
 */
export interface Acceptance {
  readonly clause: string;
  readonly given: readonly GivenFact[];
  readonly when: HouseholdCommand;
  /** The events the contract says are appended, in order, with the fields it names. */
  readonly appends: readonly HouseholdEvent[];
  readonly ctx?: DecisionContext;
}

export interface Refusal {
  readonly clause: string;
  readonly given: readonly GivenFact[];
  readonly when: HouseholdCommand;
  readonly code: ErrorCode;
  readonly ctx?: DecisionContext;
}

/**
 * Two refusals that both apply to one command: `first` is the one §4.3 (or §4.5's order)
 * ranks first. `alone` is the same command with the first cause lifted, which proves the
 * second cause really applies to it (else the row would prove nothing about the order).
 */
export interface Precedence {
  readonly clause: string;
  readonly given: readonly GivenFact[];
  readonly when: HouseholdCommand;
  readonly first: ErrorCode;
  readonly second: ErrorCode;
  readonly ctx?: DecisionContext;
  readonly alone: { readonly given?: readonly GivenFact[]; readonly when?: HouseholdCommand; readonly ctx?: DecisionContext };
}

/** The events, by type and data: the envelope is §4.7's, not this audit's. */
const typesAndData = (events: readonly HouseholdEvent[]) => events.map((e) => ({ type: e.type, data: e.data }));

export const expectAppends = (row: Acceptance): void => {
  const outcome = outcomeOf(row.given, row.when, row.ctx);
  expect(outcome.error).toBeUndefined();
  expect(typesAndData(outcome.events ?? [])).toEqual(typesAndData(row.appends));
};

/** Refused with this code, appending nothing, and naming a field the command holds (§4.6). */
export const expectRefused = (given: readonly GivenFact[], when: HouseholdCommand, code: ErrorCode, ctx?: DecisionContext): void => {
  const decision = decisionOf(given, when, ctx);
  expect(E.isLeft(decision) ? { code: decision.left.code } : { appended: decision.right.map((e) => e.type) }).toEqual({ code });
  const fields = E.isLeft(decision) ? (decision.left.fields ?? []) : [];
  expect(fields.length).toBeGreaterThan(0);
  expect(fields.filter((f) => !isPathOf(when, f.path))).toEqual([]);
};

export const expectPrecedence = (row: Precedence): void => {
  expectRefused(row.alone.given ?? row.given, row.alone.when ?? row.when, row.second, row.alone.ctx ?? row.ctx);
  expectRefused(row.given, row.when, row.first, row.ctx);
};

/** The Decider behind the edge's decoder (§4.3 check 1): an untrusted value, then decide. */
export const decideInput = (given: readonly GivenFact[], input: unknown, ctx?: DecisionContext): { code?: ErrorCode; appended?: string[] } => {
  const parsed = parseCommand(input);
  if (E.isLeft(parsed)) return { code: parsed.left.code };
  const decision = decisionOf(given, parsed.right, ctx);
  return E.isLeft(decision) ? { code: decision.left.code } : { appended: decision.right.map((e) => e.type) };
};

/** The reference policy with a back-dating allowance of `days` (§3 `backdatingAllowanceDays`). */
export const allowing = (days: number): DecisionContext => ({ ...testContext, policy: { ...referencePolicy, backdatingAllowanceDays: days } });

/** The context of a command recorded at this instant (§4.3 check 2, decision 135). */
export const recordedAt = (at: string): DecisionContext => ({ ...testContext, recordedAt: at });
