import { RelationSet } from '../src/reports/relation-set';
import type { Relation } from '../src/reports/suppress-complements';

/** The relations as they were written, read back from the packed set. */
const unpacked = (set: RelationSet): Relation[] =>
  Array.from({ length: set.count }, (_, r) => {
    const terms = [];
    for (let k = set.start(r); k < set.start(r + 1); k++) terms.push({ cell: set.cell(k), coefficient: set.sign(k) as 1 | -1 });
    const complements = [];
    for (let k = set.complementStart(r); k < set.complementStart(r + 1); k++) complements.push(set.complementCell(k));
    return { terms, ...(set.total(r) === -1 ? {} : { total: set.total(r) }), ...(set.namesComplements(r) ? { complements } : {}) };
  });

describe('RelationSet', () => {
  it('packs relations and gives back each one’s terms, total and complements, in the order written', () => {
    const relations: Relation[] = [
      { total: 0, terms: [{ cell: 0, coefficient: -1 }, { cell: 1, coefficient: 1 }, { cell: 2, coefficient: 1 }] },
      { terms: [{ cell: 3, coefficient: 1 }, { cell: 4, coefficient: -1 }], complements: [4] },
      { terms: [{ cell: 5, coefficient: 1 }, { cell: 6, coefficient: -1 }], complements: [] },
      { terms: [] },
    ];
    expect(unpacked(RelationSet.of(relations))).toEqual(relations);
  });

  it('grows past its first buffers without losing a term', () => {
    const relations: Relation[] = Array.from({ length: 3000 }, (_, r) => ({
      total: r * 3, terms: [{ cell: r * 3, coefficient: -1 }, { cell: r * 3 + 1, coefficient: 1 }, { cell: r * 3 + 2, coefficient: 1 }], complements: [r * 3 + 1, r * 3 + 2],
    }));
    expect(unpacked(RelationSet.of(relations))).toEqual(relations);
  });
});
