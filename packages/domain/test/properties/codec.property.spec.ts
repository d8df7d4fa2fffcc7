import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { parseCommand } from '../../src/household/parse-command';
import { householdCommands, propertyRuns } from '../../src/testing';

/**
 * domain.md §4, check 1: a missing, mistyped or unknown field is INVALID_COMMAND with the
 * field's path, and nothing is decided (so nothing can be appended). Valid commands come
 * from the sequence generator; one random mutation is applied at a random place.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = readonly (string | number)[];

/** Optional in at least one command or nested object: removing one of these may leave a valid command. */
const SOMETIMES_OPTIONAL = new Set(['actor', 'note', 'commandId', 'sex', 'reason', 'certified', 'employer', 'referralId', 'expectedMonthlyWage']);

const nodes = (v: Json, path: Path = []): { path: Path; value: Json }[] => [
  { path, value: v },
  ...(Array.isArray(v)
    ? v.flatMap((x, i) => nodes(x, [...path, i]))
    : typeof v === 'object' && v !== null
      ? Object.entries(v).flatMap(([k, x]) => nodes(x, [...path, k]))
      : []),
];

const at = (root: Json, path: Path): Json => path.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string] as Json, root);
const dotted = (path: Path): string => path.join('.');

type Mutation = 'missing' | 'wrong-type' | 'unknown-field' | '__proto__' | 'long-string' | 'impossible-date';

const wrongType = (v: Json): Json =>
  typeof v === 'string' ? 7 : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? 'true' : Array.isArray(v) ? {} : v === null ? 0 : [];

/** Applies the mutation to a deep copy; returns the mutated value and the path the error must name, or undefined when it does not apply. */
const mutate = (command: Json, kind: Mutation, seed: number): { value: Json; path: string; mustFail: boolean } | undefined => {
  const copy = JSON.parse(JSON.stringify(command)) as Json;
  const all = nodes(copy);
  const objects = all.filter((n) => typeof n.value === 'object' && n.value !== null && !Array.isArray(n.value));
  const fields = all.filter((n) => n.path.length > 0 && typeof n.path[n.path.length - 1] === 'string');
  const strings = all.filter((n) => typeof n.value === 'string');
  const pickOf = <T>(xs: readonly T[]): T | undefined => xs[seed % Math.max(1, xs.length)];
  switch (kind) {
    case 'missing': {
      const f = pickOf(fields);
      if (!f) return undefined;
      const parent = at(copy, f.path.slice(0, -1)) as Record<string, Json>;
      const key = f.path[f.path.length - 1] as string;
      delete parent[key];
      return { value: copy, path: dotted(f.path), mustFail: !SOMETIMES_OPTIONAL.has(key) };
    }
    case 'wrong-type': {
      const n = pickOf(all.filter((x) => x.path.length > 0));
      if (!n) return undefined;
      const parent = at(copy, n.path.slice(0, -1)) as Record<string, Json>;
      parent[n.path[n.path.length - 1] as string] = wrongType(n.value);
      return { value: copy, path: dotted(n.path), mustFail: true };
    }
    case 'unknown-field':
    case '__proto__': {
      const o = pickOf(objects);
      if (!o) return undefined;
      const key = kind === '__proto__' ? '__proto__' : 'unexpectedField';
      // An own property named __proto__, as JSON.parse creates it (an assignment would set the prototype).
      Object.defineProperty(at(copy, o.path), key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
      return { value: copy, path: dotted([...o.path, key]), mustFail: true };
    }
    case 'impossible-date': {
      // Business dates and months that look right but name no calendar day (or month).
      const n = pickOf(strings.filter((x) => /^\d{4}-\d{2}(-\d{2})?$/.test(x.value as string)));
      if (!n) return undefined;
      const parent = at(copy, n.path.slice(0, -1)) as Record<string, Json>;
      const isMonth = (n.value as string).length === 7;
      parent[n.path[n.path.length - 1] as string] = isMonth ? ['2016-13', '2016-00'][seed % 2] as string : ['2017-02-29', '2016-04-31', '2016-13-01', '2016-00-10'][seed % 4] as string;
      return { value: copy, path: dotted(n.path), mustFail: true };
    }
    case 'long-string': {
      const n = pickOf(strings);
      if (!n || n.path.length === 0) return undefined;
      const parent = at(copy, n.path.slice(0, -1)) as Record<string, Json>;
      parent[n.path[n.path.length - 1] as string] = 'x'.repeat(600);
      return { value: copy, path: dotted(n.path), mustFail: true };
    }
  }
};

describe('property (h): the codec rejects malformed commands with INVALID_COMMAND and the field path', () => {
  const counts: Record<Mutation, number> = { missing: 0, 'wrong-type': 0, 'unknown-field': 0, __proto__: 0, 'long-string': 0, 'impossible-date': 0 };

  it('every valid generated command parses back to itself', () => {
    fc.assert(
      fc.property(householdCommands({ maxSteps: 8 }), (commands) => {
        for (const c of commands) expect(parseCommand(JSON.parse(JSON.stringify(c)))).toEqual(E.right(c));
      }),
      propertyRuns(200, process.env),
    );
  });

  it('a missing field, a wrong type, an unknown field, a __proto__ key, a 600-character string or an impossible date is INVALID_COMMAND naming that path', () => {
    fc.assert(
      fc.property(
        householdCommands({ maxSteps: 6 }),
        fc.nat(),
        fc.constantFrom<Mutation>('missing', 'wrong-type', 'unknown-field', '__proto__', 'long-string', 'impossible-date'),
        fc.nat(),
        (commands, which, kind, seed) => {
          const command = commands[which % commands.length] as unknown as Json;
          const m = mutate(command, kind, seed);
          if (!m) return;
          counts[kind] += 1;
          const parsed = parseCommand(m.value);
          if (E.isRight(parsed)) {
            expect({ mutation: kind, path: m.path, mustFail: m.mustFail }).toEqual({ mutation: kind, path: m.path, mustFail: false });
            return;
          }
          expect(parsed.left.code).toBe('INVALID_COMMAND');
          const paths = (parsed.left.fields ?? []).map((f) => f.path);
          expect(paths.length).toBeGreaterThan(0);
          expect(paths.every((p) => p.length > 0)).toBe(true);
          expect({ mutation: kind, paths }).toEqual({ mutation: kind, paths: expect.arrayContaining([m.path]) });
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      propertyRuns(2000, process.env),
    );
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(100);
  });
});
