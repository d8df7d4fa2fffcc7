import fc from 'fast-check';
import { householdDecider } from '@hearth/domain';
import { arbContext, householdCommands, runHousehold } from '@hearth/domain/testing';
import { householdStateCodec } from './household-state-codec';

describe('householdStateCodec', () => {
  it('decodes the bytes of a folded state to that fold: equal, and deciding every later command alike', () => {
    fc.assert(
      fc.property(householdCommands(), fc.nat(), (commands, at) => {
        const cut = at % (commands.length + 1);
        const before = runHousehold(commands.slice(0, cut));
        const bytes = householdStateCodec.encode(before.state);
        const copy = householdStateCodec.decode(bytes);
        expect(copy).toStrictEqual(before.state);
        const next = before.facts.length + 1;
        const fromFold = runHousehold(commands.slice(cut), arbContext, householdDecider, before.state, next);
        const fromCopy = runHousehold(commands.slice(cut), arbContext, householdDecider, copy, next);
        expect(fromCopy.steps.map((s) => s.decision)).toEqual(fromFold.steps.map((s) => s.decision));
        expect(fromCopy.facts).toEqual(fromFold.facts);
        // Decoded twice, the same bytes give two states that share nothing: the cache may hand out either.
        expect(householdStateCodec.decode(bytes)).not.toBe(copy);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps exactly the bytes it wrote: a view of a larger buffer would count less than it holds', () => {
    const { state } = runHousehold(fc.sample(householdCommands({ minSteps: 5 }), { numRuns: 1, seed: 7 })[0] ?? []);
    const bytes = householdStateCodec.encode(state);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });
});
