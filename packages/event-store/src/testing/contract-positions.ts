import type { CommandResult } from '../command-result';
import type { RecordedEvent } from '../envelope';
import type { CounterError, CounterIncremented } from './counter-decider';

/** The counter totals of a counter stream's events, in order. */
export const totals = (events: readonly RecordedEvent[]): number[] =>
  events.map((e) => (e.data as CounterIncremented['data']).total);

/** How many of the handler's results have this status. */
export const statusCount = (results: readonly CommandResult<CounterError>[], status: CommandResult<unknown>['status']): number =>
  results.filter((r) => r.status === status).length;

/** Fails unless every position is greater than the one before it. */
export const expectStrictlyIncreasing = (positions: readonly number[]): void => {
  positions.forEach((p, i) => {
    expect(Number.isSafeInteger(p)).toBe(true);
    expect(p).toBeGreaterThan(i === 0 ? 0 : (positions[i - 1] ?? 0));
  });
};

export const positionsOf = (events: readonly RecordedEvent[]): number[] => events.map((e) => e.position);

/** The position of the i-th event (a test that asks for an event that is not there fails here). */
export const positionAt = (events: readonly RecordedEvent[], i: number): number => {
  const event = events[i];
  if (!event) throw new Error(`expected at least ${i + 1} events, got ${events.length}`);
  return event.position;
};
