import { generateDivisions, generateHouseholdCommands, householdId, writeRegion } from './index';
import { Collector } from './testing/collect';

const generate = async (households: number, seed: number | string) => {
  const commandsOut = new Collector();
  const divisionsOut = new Collector();
  const summary = await writeRegion({ households, seed, commandsOut, divisionsOut });
  return { commands: commandsOut.text(), divisions: divisionsOut.text(), summary };
};

describe('a seeded region', () => {
  it('is the same bytes for the same seed', async () => {
    const a = await generate(150, 7);
    const b = await generate(150, 7);
    expect(a.commands.length).toBeGreaterThan(0);
    expect(b.commands).toBe(a.commands);
    expect(b.divisions).toBe(a.divisions);
  });

  it('writes plain ASCII', async () => {
    const { commands, divisions } = await generate(150, 7);
    expect(/^[\x20-\x7e\n]*$/.test(commands)).toBe(true);
    expect(/^[\x20-\x7e\n]*$/.test(divisions)).toBe(true);
  });

  it('differs for a different seed, a string seed included', async () => {
    const a = await generate(150, 7);
    const b = await generate(150, 8);
    const c = await generate(150, 'harvest');
    expect(b.commands).not.toBe(a.commands);
    expect(b.divisions).not.toBe(a.divisions);
    expect(c.commands).not.toBe(a.commands);
  });

  it('generates each household alone exactly as in the whole stream, in any order', async () => {
    const opts = { households: 150, seed: 11 };
    const { commands } = await generate(opts.households, opts.seed);
    const lines = commands.trimEnd().split('\n');
    const expected = [120, 3, 77].map((i) => generateHouseholdCommands(opts, i).map((c) => JSON.stringify(c)));
    for (const [k, i] of [120, 3, 77].entries()) {
      const own = lines.filter((l) => JSON.parse(l).householdId === householdId(i));
      expect(own).toEqual(expected[k]);
    }
  });

  it('counts what it wrote', async () => {
    const { commands, divisions, summary } = await generate(40, 3);
    expect(summary.households).toBe(40);
    expect(summary.commands).toBe(commands.trimEnd().split('\n').length);
    expect(summary.bytes).toBe(Buffer.byteLength(commands));
    expect(summary.divisions).toBe(JSON.parse(divisions).length);
    expect(JSON.parse(divisions)).toEqual(generateDivisions({ households: 40, seed: 3 }));
  });

  it('numbers commands per household and seed', () => {
    const commands = generateHouseholdCommands({ households: 10, seed: 5 }, 4);
    expect(commands.map((c) => c.commandId)).toEqual(commands.map((_, n) => `sim:5:5:${n + 1}`));
    expect(commands.every((c) => c.householdId === 'H0000005')).toBe(true);
    expect(generateHouseholdCommands({ households: 10, seed: 'a seed with spaces' }, 0)[0]?.commandId).toMatch(/^sim:h[0-9a-f]{8}:1:1$/);
  });

  it('rejects options it cannot honour', () => {
    expect(() => generateDivisions({ households: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateDivisions({ households: 10, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateHouseholdCommands({ households: 10, seed: 1 }, 10)).toThrow(RangeError);
  });
});
