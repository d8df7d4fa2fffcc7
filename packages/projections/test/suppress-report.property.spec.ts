import fc from 'fast-check';
import { suppress, suppressSubtree } from '../src';
import { attack, cellId, learn, linearAttack, periodEquations, sameCell, type Equation, type Knowledge } from '../src/testing';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * Random small division trees with random village counts, rolled up as the reports roll
 * them up: whatever the counts, the attacker recovers no suppressed cell from the answers
 * an analyst can see, and no small count is shown.
 */

type Row = Record<string, unknown> & { division: string };
interface Tree { codes: string[]; parentOf: (code: string) => string | null | undefined; leaves: string[] }

/** R with 1–3 children, each with 0–3 children (a childless division is a village). */
const tree = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).map((shape): Tree => {
  const parent = new Map<string, string | null>([['R', null]]);
  shape.forEach((n, i) => {
    parent.set(`A${i}`, 'R');
    for (let j = 0; j < n; j++) parent.set(`A${i}V${j}`, `A${i}`);
  });
  const codes = [...parent.keys()];
  const hasChild = new Set([...parent.values()]);
  return { codes, parentOf: (c) => parent.get(c), leaves: codes.filter((c) => !hasChild.has(c)) };
});

/** Rows for every division, each parent the sum of its children (pre-order, as `subtree: true` gives them). */
const rollUp = (t: Tree, leaf: (code: string) => Record<string, number>): Row[] => {
  const sum = (code: string): Record<string, number> => {
    const kids = t.codes.filter((c) => t.parentOf(c) === code);
    if (kids.length === 0) return leaf(code);
    const out: Record<string, number> = {};
    for (const k of kids) for (const [f, v] of Object.entries(sum(k))) out[f] = (out[f] ?? 0) + v;
    return out;
  };
  return t.codes.map((division) => ({ division, ...nest(sum(division)) }));
};
const nest = (flat: Record<string, number>): Record<string, unknown> => {
  const out: Record<string, Record<string, number> | number> = {};
  for (const [k, v] of Object.entries(flat)) {
    const [group, key] = k.split('.') as [string, string | undefined];
    if (key === undefined) out[group] = v;
    else out[group] = { ...((out[group] as Record<string, number> | undefined) ?? {}), [key]: v };
  }
  return out;
};

const small = fc.integer({ min: 0, max: 9 });
const moves = fc.record({ identified: small, relapsed: small, cleared: small, withdrawn: small, exempted: small, deregistered: small });
/** A village's month from its opening stock: each move out is capped by what is left, so no stock is negative. */
const monthOf = (stockAtStart: number, m: Record<string, number>): Record<string, number> => {
  let stock = stockAtStart + (m['identified'] ?? 0) + (m['relapsed'] ?? 0);
  const out: Record<string, number> = { stockAtStart, identified: m['identified'] ?? 0, relapsed: m['relapsed'] ?? 0 };
  for (const k of ['cleared', 'withdrawn', 'exempted', 'deregistered']) {
    out[k] = Math.min(m[k] ?? 0, stock);
    stock -= out[k] as number;
  }
  return { ...out, stockAtEnd: stock };
};

const published = (rows: readonly Record<string, unknown>[]): number[] =>
  rows.flatMap((r) => Object.entries(r).flatMap(([k, v]) => (k === 'division' ? [] : typeof v === 'number' ? [v] : v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v).filter((x): x is number => typeof x === 'number') : [])));

/** Two consecutive months, the second opening with the first's closing stocks. */
const twoMonths = tree.chain((t) =>
  fc.tuple(fc.array(fc.tuple(small, moves, moves), { minLength: t.leaves.length, maxLength: t.leaves.length })).map(([villages]) => {
    const first = new Map(t.leaves.map((v, i) => [v, monthOf((villages[i] as [number, Record<string, number>, Record<string, number>])[0], villages[i]![1])]));
    const second = new Map(t.leaves.map((v, i) => [v, monthOf(first.get(v)!['stockAtEnd'] as number, villages[i]![2])]));
    return { t, months: [rollUp(t, (c) => first.get(c)!), rollUp(t, (c) => second.get(c)!)] as const };
  }),
);

const monthEquations = (t: Tree, shown: readonly (readonly Row[])[]): { known: Knowledge; equations: Equation[] } => {
  const known: Knowledge = new Map();
  const equations: Equation[] = [];
  shown.forEach((rows, i) => learn(known, `m${i}`, rows));
  shown.forEach((_, i) => equations.push(...periodEquations(known, `m${i}`, t.codes, t.parentOf)));
  for (const d of t.codes) equations.push(sameCell(cellId('m0', d, 'stockAtEnd'), cellId('m1', d, 'stockAtStart')));
  return { known, equations };
};
const attackMonths = (t: Tree, shown: readonly (readonly Row[])[]): Map<string, number> => {
  const { known, equations } = monthEquations(t, shown);
  return attack(known, equations);
};

describe('complementary suppression of random small tables', () => {
  it('leaves nothing an attacker can recompute, along the tree, the monthly identity and across the month boundary', () => {
    fc.assert(
      fc.property(twoMonths, ({ t, months }) => {
        const shown = months.map((rows) => suppressSubtree({ division: 'R', rows }, t.parentOf, 5).rows as unknown as Row[]);
        expect(published(shown.flat()).filter((v) => v >= 1 && v <= 4)).toEqual([]);
        expect([...attackMonths(t, shown).keys()]).toEqual([]);
      }),
      propertyRuns(400, process.env),
    );
  });

  it('leaves nothing that a combination of the relations determines either (Gaussian elimination)', () => {
    fc.assert(
      fc.property(twoMonths, ({ t, months }) => {
        const shown = months.map((rows) => suppressSubtree({ division: 'R', rows }, t.parentOf, 5).rows as unknown as Row[]);
        const { known, equations } = monthEquations(t, shown);
        expect([...linearAttack(known, equations).keys()]).toEqual([]);
      }),
      // Random again since decision 188: seed -1753641644 found tables where elimination recovered
      // a month's deregistered count of a childless division, whose own relations had only stocks left.
      propertyRuns(300, process.env),
    );
  });

  it('is needed: on the same tables primary suppression alone is unpicked, to the right values', () => {
    let unpicked = 0;
    fc.assert(
      fc.property(twoMonths, ({ t, months }) => {
        const shown = months.map((rows) => suppress({ rows }, 5).rows as unknown as Row[]);
        const recovered = attackMonths(t, shown);
        for (const [id, v] of recovered) {
          const [period, division, path] = id.split('|') as [string, string, string];
          const row = months[Number(period.slice(1))]!.find((r) => r.division === division)!;
          expect(v).toBe(row[path]);
        }
        unpicked += recovered.size;
      }),
      { numRuns: 100, seed: 9 },
    );
    expect(unpicked).toBeGreaterThan(0);
  });

  it('protects employments counted by form and by place, and groups of any size', () => {
    const progress = tree.chain((t) =>
      fc.array(fc.record({ a: small, b: small, c: small, x: small, s: small }), { minLength: t.leaves.length, maxLength: t.leaves.length }).map((vs) => {
        const leaf = new Map(t.leaves.map((v, i) => {
          const { a, b, c, x, s } = vs[i]!;
          // Every employment has one form and one place: the place split is any split of the same total.
          const total = a + b + c;
          const near = Math.min(x, total);
          return [v, { membersSurveyed: s, 'employmentsStartedByForm.wage': a, 'employmentsStartedByForm.public': b, 'employmentsStartedByForm.self': c, 'employmentsStartedByPlace.local': near, 'employmentsStartedByPlace.away': total - near }];
        }));
        return { t, rows: rollUp(t, (code) => leaf.get(code)!) };
      }),
    );
    fc.assert(
      fc.property(progress, ({ t, rows }) => {
        const shown = suppressSubtree({ division: 'R', rows }, t.parentOf, 5).rows as unknown as Row[];
        expect(published(shown).filter((v) => v >= 1 && v <= 4)).toEqual([]);
        const known: Knowledge = new Map();
        learn(known, 'p', shown);
        const equations = periodEquations(known, 'p', t.codes, t.parentOf);
        expect([...linearAttack(new Map(known), equations).keys()]).toEqual([]);
        expect([...attack(known, equations).keys()]).toEqual([]);
      }),
      propertyRuns(400, process.env),
    );
  });
});
