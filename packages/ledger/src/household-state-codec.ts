import { deserialize, serialize } from 'node:v8';
import { HouseholdState, snapshotOf, StateSnapshot, stateOfSnapshot } from '@hearth/domain';
import type { StateCodec } from '@hearth/event-store';

/**
 * A household's folded state as bytes: its snapshot (plain data, the domain's
 * state-snapshot.ts) in V8's structured-clone format, which keeps maps, the order of every
 * member and objects the state shares between its maps. No schema of its own to keep in
 * step with the state, and the bytes never outlive the process that wrote them (the
 * batch handler's encoded tier: docs/decisions/0107-encoded-household-states.md).
 */
export const householdStateCodec: StateCodec<HouseholdState> = {
  // Copied: the serializer hands back its whole growing buffer (up to twice the bytes it
  // wrote), and a kept state should cost the bytes its budget counts.
  encode: (state) => new Uint8Array(serialize(snapshotOf(state))),
  decode: (bytes) => stateOfSnapshot(deserialize(bytes) as StateSnapshot),
};
