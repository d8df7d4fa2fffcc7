import * as E from 'fp-ts/Either';
import { DivisionHistory } from './division-history';
import { DivisionStreamEntry, divisionHistoryOfStream, storedDivisionTrees } from './division-tree-log';
import { splitDivisionTree } from './division-tree-parts';
import { decideDivisionTree } from './division-tree-stream';
import { Division } from './divisions';

const villages = (n: number, prefix = 'V'): Division[] => [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  ...Array.from({ length: n }, (_, i) => ({ code: `${prefix}${i}`, name: `Village ${prefix}${i}`, parentCode: 'R', level: 'village' as const })),
];
const first = villages(3);
const big = villages(120);
const BUDGET = 1500;

const single = (position: number, occurredOn: string, divisions: Division[], successors?: Record<string, string>): DivisionStreamEntry => ({
  position, occurredOn, type: 'DivisionTreeRecorded', data: { divisions, ...(successors ? { successors } : {}) },
});
const partsOf = (from: number, occurredOn: string, divisions: Division[], successors: Record<string, string> = {}): DivisionStreamEntry[] =>
  splitDivisionTree(divisions, successors, BUDGET).map((data, i) => ({ position: from + i, occurredOn, type: 'DivisionTreePartRecorded', data }));
const historyOf = (entries: DivisionStreamEntry[]): DivisionHistory => {
  const h = divisionHistoryOfStream(entries);
  if (E.isLeft(h)) throw new Error(JSON.stringify(h.left));
  return h.right;
};
const damage = (entries: DivisionStreamEntry[]): string[] => {
  const r = storedDivisionTrees(entries);
  return E.isLeft(r) ? r.left.map((f) => `${f.path}: ${f.message}`) : [];
};

describe('reading the divisions stream (docs/decisions/0015, 0056)', () => {
  it('reads a stream of single DivisionTreeRecorded events as it always did', () => {
    const second = [...first.slice(0, 3), { code: 'V9', name: 'New', parentCode: 'R', level: 'village' as const }];
    const h = historyOf([single(4, '2016-01-01', first), single(40, '2017-01-01', second, { V2: 'V9' })]);
    expect(h.trees.map((t) => [t.position, t.effectiveFrom, t.tree.all.length, t.successors])).toEqual([[4, '2016-01-01', 4, {}], [40, '2017-01-01', 4, { V2: 'V9' }]]);
    expect(h.at(5)?.get('V2')).toBeDefined();
    expect(h.at(41)?.get('V2')).toBeUndefined();
    expect(h.unfinished).toBeUndefined();
  });

  it('reads parts as one tree in force from its last part, beside single events', () => {
    const parts = partsOf(10, '2017-01-01', big);
    expect(parts.length).toBeGreaterThan(3);
    const h = historyOf([single(4, '2016-01-01', first), ...parts]);
    const lastPart = 10 + parts.length - 1;
    expect(h.trees.map((t) => t.position)).toEqual([4, lastPart]);
    expect(h.trees[1]?.tree.all).toEqual(big);
    // Between the first and the last part the earlier tree is still the one in force.
    expect(h.at(lastPart)?.all).toEqual(first);
    expect(h.at(lastPart + 1)?.all).toEqual(big);
    expect(h.everRecorded?.all.length).toBe(big.length);
  });

  it('holds parts that stop short as unfinished, not as a tree', () => {
    const parts = partsOf(10, '2017-01-01', big);
    const h = historyOf([single(4, '2016-01-01', first), ...parts.slice(0, 2)]);
    expect(h.trees).toHaveLength(1);
    expect(h.current?.all).toEqual(first);
    expect(h.unfinished).toMatchObject({ occurredOn: '2017-01-01', position: 11 });
    expect(h.unfinished?.parts.map((p) => p.part)).toEqual([1, 2]);
  });

  it('sets an unfinished run aside when a later tree starts, whole or in parts', () => {
    const parts = partsOf(10, '2017-01-01', big);
    const restarted = partsOf(100, '2017-02-01', big);
    const h = historyOf([...parts.slice(0, 2), ...restarted]);
    expect(h.trees.map((t) => [t.position, t.effectiveFrom])).toEqual([[100 + restarted.length - 1, '2017-02-01']]);
    const h2 = historyOf([...parts.slice(0, 2), single(50, '2017-03-01', first)]);
    expect(h2.trees.map((t) => t.position)).toEqual([50]);
    expect(h2.unfinished).toBeUndefined();
  });

  it('calls anything else damage, naming the position', () => {
    const parts = partsOf(10, '2017-01-01', big);
    expect(damage([parts[0]!, parts[2]!])).toEqual(['position 12: part 3 of ' + parts.length + ' does not follow part 2 of the same tree']);
    expect(damage([parts[1]!])).toEqual(['position 11: part 2 of ' + parts.length + ' does not follow part 1 of the same tree']);
    expect(damage([parts[0]!, { ...parts[1]!, occurredOn: '2018-01-01' }])).toEqual(['position 11: part 2 takes effect on 2018-01-01, part 1 of the same tree on 2017-01-01']);
    expect(damage([{ position: 3, occurredOn: '2017-01-01', type: 'DivisionTreePartRecorded', data: { part: 3, parts: 2, divisions: [] } }])).toEqual(['position 3: part 3 of 2 is past the last part']);
    const twice = [
      { position: 1, occurredOn: '2017-01-01', type: 'DivisionTreePartRecorded', data: { part: 1, parts: 2, divisions: first, successors: { X: 'V1' } } },
      { position: 2, occurredOn: '2017-01-01', type: 'DivisionTreePartRecorded', data: { part: 2, parts: 2, divisions: [], successors: { X: 'V2' } } },
    ];
    expect(damage(twice)).toEqual(['position 2: successor of "X" is given by two parts of the tree']);
    expect(damage([{ position: 7, occurredOn: '2017-01-01', type: 'DivisionTreeErased', data: {} }])[0]).toMatch(/^position 7: DivisionTreeErased: /);
    expect(damage([{ ...parts[0]!, data: { ...(parts[0]!.data as object), note: 'x' } }])[0]).toMatch(/^position 10: DivisionTreePartRecorded: /);
  });
});

describe('deciding a tree too large for one event (docs/decisions/0056)', () => {
  const opts = { effectiveFrom: '2017-01-01', partBytes: BUDGET };

  it('records a small tree as one DivisionTreeRecorded and a large one in parts', () => {
    const small = decideDivisionTree({ divisions: first, successors: {} }, historyOf([]), opts);
    expect(E.isRight(small) && small.right.events.map((e) => e.type)).toEqual(['DivisionTreeRecorded']);
    const large = decideDivisionTree({ divisions: big, successors: {} }, historyOf([]), opts);
    if (E.isLeft(large)) throw new Error(JSON.stringify(large.left));
    expect(large.right.events.map((e) => e.data)).toEqual(splitDivisionTree(big, {}, BUDGET));
    expect(new Set(large.right.events.map((e) => e.type))).toEqual(new Set(['DivisionTreePartRecorded']));
  });

  it('records nothing for the large tree in force, given again in another order', () => {
    const h = historyOf(partsOf(10, '2017-01-01', big));
    const again = decideDivisionTree({ divisions: [...big].reverse(), successors: {} }, h, opts);
    expect(E.isRight(again) && again.right.events).toEqual([]);
  });

  it('finishes an interrupted recording of the same tree on the same date, and restarts any other', () => {
    const parts = partsOf(10, '2017-01-01', big);
    const h = historyOf([single(4, '2016-01-01', first), ...parts.slice(0, 2)]);
    const rest = decideDivisionTree({ divisions: big, successors: {} }, h, opts);
    expect(E.isRight(rest) && rest.right.events.map((e) => e.data)).toEqual(parts.slice(2).map((p) => p.data));
    const otherDate = decideDivisionTree({ divisions: big, successors: {} }, h, { ...opts, effectiveFrom: '2017-06-01' });
    expect(E.isRight(otherDate) && otherDate.right.events.map((e) => e.data)).toEqual(parts.map((p) => p.data));
    const otherTree = villages(120, 'W');
    const other = decideDivisionTree({ divisions: otherTree, successors: {} }, h, opts);
    expect(E.isRight(other) && other.right.events.map((e) => e.data)).toEqual(splitDivisionTree(otherTree, {}, BUDGET));
    // A tree whose own first parts are exactly the ones stored is finished from them: the run then is that tree's parts.
    const longer = villages(121);
    const longerParts = splitDivisionTree(longer, {}, BUDGET);
    expect(longerParts.slice(0, 2)).toEqual(parts.slice(0, 2).map((p) => p.data));
    const finishedLonger = decideDivisionTree({ divisions: longer, successors: {} }, h, opts);
    expect(E.isRight(finishedLonger) && finishedLonger.right.events.map((e) => e.data)).toEqual(longerParts.slice(2));
    // the finished stream reads as the tree, once
    const finished = historyOf([single(4, '2016-01-01', first), ...parts.slice(0, 2), ...parts.slice(2)]);
    expect(finished.trees.map((t) => t.tree.all.length)).toEqual([first.length, big.length]);
  });

  it('checks a large tree against the history as a small one (a code keeps its place)', () => {
    const moved: Division[] = [...big.map((d) => (d.code === 'V1' ? { ...d, parentCode: 'P' } : d)), { code: 'P', name: 'P', parentCode: 'R', level: 'prefecture' }];
    const r = decideDivisionTree({ divisions: moved, successors: {} }, historyOf(partsOf(10, '2016-01-01', big)), opts);
    expect(E.isLeft(r) && r.left.map((f) => f.path)).toEqual(['2.parentCode']);
  });
});
