import * as E from 'fp-ts/Either';
import { buildDivisionTree } from './divisions';

const tree = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'P one', parentCode: 'R', level: 'prefecture' },
  { code: 'V1', name: 'V one', parentCode: 'P1', level: 'village' },
  { code: 'V2', name: 'V two', parentCode: 'P1', level: 'village' },
];

describe('division tree', () => {
  it('answers children, lineage and containment', () => {
    const t = buildDivisionTree(tree);
    if (E.isLeft(t)) throw new Error('expected a tree');
    expect(t.right.root.code).toBe('R');
    expect(t.right.children('P1').map((d) => d.code)).toEqual(['V1', 'V2']);
    expect(t.right.lineage('V2').map((d) => d.code)).toEqual(['V2', 'P1', 'R']);
    expect(t.right.contains('P1', 'V1')).toBe(true);
    expect(t.right.contains('V1', 'P1')).toBe(false);
  });
  it.each([
    ['two roots', [...tree, { code: 'R2', name: 'x', parentCode: null, level: 'region' }], ''],
    ['an unknown parent', [...tree, { code: 'V3', name: 'x', parentCode: 'P9', level: 'village' }], '4.parentCode'],
    ['a duplicate code', [...tree, { code: 'V1', name: 'x', parentCode: 'P1', level: 'village' }], '4.code'],
    ['a level above its parent', [...tree, { code: 'C9', name: 'x', parentCode: 'V1', level: 'county' }], '4.level'],
    ['an unknown level', [...tree, { code: 'X', name: 'x', parentCode: 'R', level: 'district' }], '4.level'],
  ])('rejects %s, naming where', (_what, input, path) => {
    const t = buildDivisionTree(input);
    expect(E.isLeft(t) && t.left.map((f) => f.path)).toContain(path);
  });
});
