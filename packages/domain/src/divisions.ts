import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { closed } from './codec/closed';
import { fieldErrors, FieldError } from './codec/decode-errors';
import { IdC, TextC, oneOf, boundedArray } from './codec/primitives';

export const DIVISION_LEVELS = ['region', 'prefecture', 'county', 'township', 'village'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

export const DivisionC = closed('Division', {
  code: IdC,
  name: TextC,
  parentCode: t.union([IdC, t.null]),
  level: oneOf(DIVISION_LEVELS),
});
export type Division = t.TypeOf<typeof DivisionC>;
export const DivisionListC = boundedArray(DivisionC, 1_000_000, 1);

/** The administrative tree of domain.md §2, indexed for the questions reports ask. */
export interface DivisionTree {
  readonly root: Division;
  readonly all: readonly Division[];
  get(code: string): Division | undefined;
  children(code: string): readonly Division[];
  /** The division itself and every ancestor, nearest first. */
  lineage(code: string): readonly Division[];
  contains(ancestorCode: string, code: string): boolean;
  /**
   * The division this tree names as the successor of a code it dropped (docs/decisions/0015):
   * where a household of that division moves when the tree comes into force.
   */
  successorOf(code: string): string | undefined;
}

const levelIndex = (l: DivisionLevel): number => DIVISION_LEVELS.indexOf(l);

/**
 * Checks a list of divisions (one root, known parents, levels deepening, no cycles) and
 * indexes it. `successors` (old code → new code) is attached as given: whether it fits
 * the tree it replaces is for `decideDivisionTree` to check.
 */
export const buildDivisionTree = (input: unknown, successors: Readonly<Record<string, string>> = {}): E.Either<FieldError[], DivisionTree> => {
  const decoded = DivisionListC.decode(input);
  if (E.isLeft(decoded)) return E.left(fieldErrors(decoded.left));
  const list = decoded.right;
  const byCode = new Map<string, Division>();
  const errors: FieldError[] = [];
  list.forEach((d, i) => {
    if (byCode.has(d.code)) errors.push({ path: `${i}.code`, message: `duplicate division code "${d.code}"` });
    byCode.set(d.code, d);
  });
  const roots = list.filter((d) => d.parentCode === null);
  if (roots.length !== 1) errors.push({ path: '', message: `expected exactly one root division (parentCode null), found ${roots.length}` });
  list.forEach((d, i) => {
    if (d.parentCode === null) return;
    const parent = byCode.get(d.parentCode);
    if (!parent) errors.push({ path: `${i}.parentCode`, message: `unknown parent division "${d.parentCode}"` });
    else if (levelIndex(parent.level) >= levelIndex(d.level))
      errors.push({ path: `${i}.level`, message: `a ${d.level} cannot sit below a ${parent.level}` });
  });
  if (errors.length > 0) return E.left(errors);
  // Levels strictly deepen from parent to child, so no cycle can exist once the checks above pass.
  const children = new Map<string, Division[]>();
  for (const d of list) {
    if (d.parentCode === null) continue;
    const siblings = children.get(d.parentCode) ?? [];
    siblings.push(d);
    children.set(d.parentCode, siblings);
  }
  const lineage = (code: string): Division[] => {
    const out: Division[] = [];
    for (let d = byCode.get(code); d; d = d.parentCode === null ? undefined : byCode.get(d.parentCode)) out.push(d);
    return out;
  };
  return E.right({
    root: roots[0] as Division,
    all: list,
    get: (code) => byCode.get(code),
    children: (code) => children.get(code) ?? [],
    lineage,
    contains: (ancestorCode, code) => lineage(code).some((d) => d.code === ancestorCode),
    successorOf: (code) => (Object.prototype.hasOwnProperty.call(successors, code) ? successors[code] : undefined),
  });
};

/** The tree of a ledger that has recorded none: every division is unknown. */
export const NO_DIVISIONS: DivisionTree = {
  root: { code: '', name: '', parentCode: null, level: 'region' },
  all: [],
  get: () => undefined,
  children: () => [],
  lineage: () => [],
  contains: () => false,
  successorOf: () => undefined,
};
