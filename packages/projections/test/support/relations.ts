import { RelationSet } from '../../src/reports/relation-set';

/** A relation as a test writes it: Σ coefficient × cell = 0, its total's cell, the cells that may protect another. */
export interface WrittenRelation {
  readonly terms: readonly { readonly cell: number; readonly coefficient: 1 | -1 }[];
  readonly total?: number;
  readonly complements?: readonly number[];
}

/** The relations packed, in their order, as the suppression takes them. */
export const packed = (relations: readonly WrittenRelation[]): RelationSet => {
  const set = new RelationSet();
  for (const relation of relations) {
    set.begin(relation.total);
    for (const t of relation.terms) set.term(t.cell, t.coefficient);
    for (const c of relation.complements ?? []) set.complement(c);
  }
  return set;
};

/** The relations of a set read back as written. */
export const unpacked = (set: RelationSet): WrittenRelation[] =>
  Array.from({ length: set.count }, (_, r) => {
    const terms: { cell: number; coefficient: 1 | -1 }[] = [];
    for (let k = set.start(r); k < set.start(r + 1); k++) terms.push({ cell: set.cell(k), coefficient: set.sign(k) as 1 | -1 });
    const complements: number[] = [];
    for (let k = set.complementStart(r); k < set.complementStart(r + 1); k++) complements.push(set.complementCell(k));
    return { terms, ...(set.total(r) === -1 ? {} : { total: set.total(r) }), ...(set.namesComplements(r) ? { complements } : {}) };
  });
