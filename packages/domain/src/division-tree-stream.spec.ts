import * as E from 'fp-ts/Either';
import { parseDivisionFile } from './division-file';
import { divisionHistory, DivisionHistory, emptyDivisionHistory } from './division-history';
import { decideDivisionTree } from './division-tree-stream';
import { Division } from './divisions';

const first: Division[] = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'P one', parentCode: 'R', level: 'prefecture' },
  { code: 'V1', name: 'V one', parentCode: 'P1', level: 'village' },
  { code: 'V2', name: 'V two', parentCode: 'P1', level: 'village' },
];
const history = (...trees: { divisions: Division[]; successors?: Record<string, string> }[]): DivisionHistory => {
  const h = divisionHistory(trees.map((t, i) => ({ position: (i + 1) * 10, occurredOn: `201${6 + i}-01-01`, ...t })));
  if (E.isLeft(h)) throw new Error(JSON.stringify(h.left));
  return h.right;
};
const paths = (r: ReturnType<typeof decideDivisionTree>): string[] => (E.isLeft(r) ? r.left.map((f) => f.path) : []);

describe('recording division trees over time (docs/decisions/0015)', () => {
  it('records a first tree, and the same tree again (in any order) records nothing', () => {
    const once = decideDivisionTree({ divisions: first, successors: {} }, emptyDivisionHistory);
    expect(E.isRight(once) && once.right.events).toHaveLength(1);
    const again = decideDivisionTree({ divisions: [...first].reverse(), successors: {} }, history({ divisions: first }));
    expect(E.isRight(again) && again.right.events).toEqual([]);
  });

  it('records a tree that replaces a village, with its successor', () => {
    const next = [...first.filter((d) => d.code !== 'V1'), { code: 'V3', name: 'V three', parentCode: 'P1', level: 'village' as const }];
    const r = decideDivisionTree({ divisions: next, successors: { V1: 'V3' } }, history({ divisions: first }));
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    expect(r.right.events).toEqual([{ type: 'DivisionTreeRecorded', data: { divisions: next, successors: { V1: 'V3' } } }]);
    expect(r.right.tree.successorOf('V1')).toBe('V3');
    // the same reorganisation again, once in force, records nothing
    const again = decideDivisionTree({ divisions: next, successors: { V1: 'V3' } }, history({ divisions: first }, { divisions: next, successors: { V1: 'V3' } }));
    expect(E.isRight(again) && again.right.events).toEqual([]);
  });

  it.each([
    ['a code that changes parent', [...first.slice(0, 2), { code: 'P2', name: 'P two', parentCode: 'R', level: 'prefecture' }, { code: 'V1', name: 'V one', parentCode: 'P2', level: 'village' }, first[3]], {}, ['3.parentCode']],
    ['another root', [{ code: 'R2', name: 'Region', parentCode: null, level: 'region' }, { code: 'P9', name: 'P', parentCode: 'R2', level: 'prefecture' }], {}, ['']],
    ['a successor for a division the tree keeps', first, { V1: 'V2' }, ['successors.V1']],
    ['a successor for a division not in force', first, { V9: 'V2' }, ['successors.V9']],
    ['a successor outside the new tree', first.slice(0, 3), { V2: 'V7' }, ['successors.V2']],
    ['a successor of another level', first.slice(0, 3), { V2: 'P1' }, ['successors.V2']],
  ] as const)('refuses %s, naming where', (_what, divisions, successors, expected) => {
    expect(paths(decideDivisionTree({ divisions: divisions as Division[], successors }, history({ divisions: first })))).toEqual(expected);
  });

  it('a first tree has nothing to succeed', () => {
    expect(paths(decideDivisionTree({ divisions: first, successors: { V0: 'V1' } }, emptyDivisionHistory))).toEqual(['successors.V0']);
  });

  it('knows the tree in force at any position, and every division ever recorded', () => {
    const second = [...first.filter((d) => d.code !== 'V1'), { code: 'V3', name: 'V three', parentCode: 'P1', level: 'village' as const }];
    const h = history({ divisions: first }, { divisions: second, successors: { V1: 'V3' } });
    expect(h.at(5)).toBeUndefined();
    expect(h.at(11)?.get('V1')).toBeDefined();
    expect(h.at(21)?.get('V1')).toBeUndefined();
    expect(h.current?.get('V3')).toBeDefined();
    expect(h.everRecorded?.all.map((d) => d.code).sort()).toEqual(['P1', 'R', 'V1', 'V2', 'V3']);
    expect(h.everRecorded?.lineage('V1').map((d) => d.code)).toEqual(['V1', 'P1', 'R']);
  });
});

describe('the division file', () => {
  it('is the plain array of divisions, or an object with effectiveFrom and successors', () => {
    expect(parseDivisionFile(first)).toEqual(E.right({ divisions: first, successors: {} }));
    expect(parseDivisionFile({ effectiveFrom: '2017-07-01', divisions: first, successors: { V0: 'V1' } })).toEqual(
      E.right({ divisions: first, successors: { V0: 'V1' }, effectiveFrom: '2017-07-01' }),
    );
  });

  it.each([
    ['an impossible date', { effectiveFrom: '2017-02-30', divisions: first }, 'effectiveFrom'],
    ['an unknown field', { divisions: first, mapping: {} }, 'mapping'],
    ['a successor that is not an id', { divisions: first, successors: { V1: 'not an id' } }, 'successors.V1'],
  ])('rejects %s, naming the field', (_what, input, path) => {
    const r = parseDivisionFile(input);
    expect(E.isLeft(r) && r.left.map((f) => f.path)).toContain(path);
  });
});
