import { CommandIndex } from './command-index';
import type { CommandTrace } from './command-trace';
import type { HouseholdState } from './state';

/**
 * A HouseholdState as plain data — maps, arrays, strings, numbers, booleans, plain
 * objects — which the structured-clone algorithm (`structuredClone`, Node's
 * `v8.serialize`) copies exactly, shared objects included: the command index (a class,
 * whose prototype a copy would lose) becomes its entries in insertion order. What the
 * importer's cache keeps of a household it has no room for decoded
 * (docs/decisions/0107-encoded-household-states.md); the copy is the fold itself, with
 * no log, and a property test (state-snapshot.spec.ts) holds that a state restored from
 * a copy decides every later command as the original does.
 */
export type StateSnapshot = Omit<HouseholdState, 'commandIds'> & { readonly commandIds: readonly (readonly [string, CommandTrace])[] };

/** The state as plain data; its members in the state's own order. */
export const snapshotOf = (state: HouseholdState): StateSnapshot => ({ ...state, commandIds: state.commandIds.entries() });

/** The state a snapshot (or a structured clone of one) was taken of, its command index built again. */
export const stateOfSnapshot = (snapshot: StateSnapshot): HouseholdState => ({ ...snapshot, commandIds: CommandIndex.of(snapshot.commandIds) });
