import { decide } from './decide';
import { evolve } from './evolve';
import { initialState } from './state';

/** The whole aggregate in one import: the Decider of domain.md §4. */
export const householdDecider = { initialState, evolve, decide } as const;
