import { placeOf, summariseProfile, type CpuProfile } from './profile-summary';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('CPU profile summary', () => {
  it('attributes each gap to the sample before it, by function and by place', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 10_000,
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('sealEvents', 'file:///w/packages/event-store/src/hash-chain.ts', 9) },
        { id: 3, callFrame: frame('run', '') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
        { id: 5, callFrame: frame('decode', 'file:///w/node_modules/io-ts/lib/index.js', 99) },
      ],
      samples: [2, 2, 3, 4, 5, 2],
      // µs before each sample
      timeDeltas: [0, 1000, 1000, 2000, 4000, 1000],
    };
    const s = summariseProfile(profile, 10);
    expect(s.totalMs).toBe(9);
    expect(s.functions[0]).toEqual({ name: '(garbage collector)', ms: 4, share: 4 / 9 });
    expect(s.functions.find((f) => f.name === 'run')?.ms).toBe(2);
    expect(s.functions.find((f) => f.name.startsWith('sealEvents'))).toEqual({ name: 'sealEvents src/hash-chain.ts:10', ms: 2, share: 2 / 9 });
    expect(s.places.map((p) => [p.name, p.ms])).toEqual([
      ['(garbage collector)', 4],
      ['@hearth/event-store', 2],
      ['(native)', 2],
      ['io-ts', 1],
    ]);
  });

  it('names places', () => {
    expect(placeOf('node:internal/streams/readable', 'x')).toBe('node:internal');
    expect(placeOf('file:///w/node_modules/@swc/core/index.js', 'x')).toBe('@swc/core');
    expect(placeOf('file:///w/node_modules/@hearth/domain/src/decide.ts', 'x')).toBe('@hearth/domain');
    expect(placeOf('file:///w/apps/cli/src/import/importer.ts', 'x')).toBe('@hearth/cli');
    expect(placeOf('', '(program)')).toBe('(program)');
  });
});
