import { packed, unpacked, type WrittenRelation } from './support/relations';

describe('RelationSet', () => {
  it('packs relations and gives back each one’s terms, total and complements, in the order written', () => {
    const relations: WrittenRelation[] = [
      { total: 0, terms: [{ cell: 0, coefficient: -1 }, { cell: 1, coefficient: 1 }, { cell: 2, coefficient: 1 }] },
      { terms: [{ cell: 3, coefficient: 1 }, { cell: 4, coefficient: -1 }], complements: [4] },
      { terms: [] },
    ];
    expect(unpacked(packed(relations))).toEqual(relations);
  });

  it('grows past its first buffers without losing a term', () => {
    const relations: WrittenRelation[] = Array.from({ length: 3000 }, (_, r) => ({
      total: r * 3, terms: [{ cell: r * 3, coefficient: -1 }, { cell: r * 3 + 1, coefficient: 1 }, { cell: r * 3 + 2, coefficient: 1 }], complements: [r * 3 + 1, r * 3 + 2],
    }));
    expect(unpacked(packed(relations))).toEqual(relations);
  });
});
