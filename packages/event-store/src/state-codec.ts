/**
 * A folded state as bytes and back: what the command handlers' second cache tier keeps of
 * a state the first tier let go (folded-streams.ts). `decode(encode(s))` must be a state
 * every decision and every `evolve` treats exactly as `s`; the aggregate that supplies a
 * codec proves that with a property test.
 */
export interface StateCodec<State> {
  encode(state: State): Uint8Array;
  decode(bytes: Uint8Array): State;
}
