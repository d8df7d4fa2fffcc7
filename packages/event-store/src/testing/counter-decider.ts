import * as E from 'fp-ts/Either';
import type { CommandEnvelope, Decider } from '../decider';

/**
 * A toy aggregate for exercising stores and handlers without the household domain.
 * Each event carries the running total, so a lost update shows up as a total that
 * does not follow from the previous event.
 */
export interface IncrementCounter {
  type: 'IncrementCounter';
  counterId: string;
  by: number;
  commandId?: string;
}

export interface CounterIncremented {
  type: 'CounterIncremented';
  data: { by: number; total: number };
}

export interface CounterState {
  count: number;
  /** Command ids already applied, so that a repeated command is accepted without effect. */
  commandIds: readonly string[];
}

export type CounterError = 'NON_POSITIVE_INCREMENT';

export const counterDecider: Decider<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError> = {
  initialState: { count: 0, commandIds: [] },
  evolve: (state, event, meta) => ({
    count: state.count + event.data.by,
    commandIds: meta.commandId === undefined ? state.commandIds : [...state.commandIds, meta.commandId],
  }),
  decide: (cmd, state) => {
    if (cmd.commandId !== undefined && state.commandIds.includes(cmd.commandId)) return E.right([]);
    if (cmd.by <= 0) return E.left('NON_POSITIVE_INCREMENT');
    return E.right([{ type: 'CounterIncremented', data: { by: cmd.by, total: state.count + cmd.by } }]);
  },
};

export const counterStream = (counterId: string): string => `counter-${counterId}`;

export const describeCounterCommand = (cmd: IncrementCounter): CommandEnvelope => ({
  streamId: counterStream(cmd.counterId),
  occurredOn: '2016-08-01',
  actor: 'contract-kit',
  ...(cmd.commandId === undefined ? {} : { commandId: cmd.commandId }),
});

export const increment = (counterId: string, commandId?: string, by = 1): IncrementCounter => ({
  type: 'IncrementCounter',
  counterId,
  by,
  ...(commandId === undefined ? {} : { commandId }),
});
