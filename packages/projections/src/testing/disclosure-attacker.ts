import { clearanceTarget, shareToBasisPoints } from '@hearth/domain';
import { inverse, mod } from '../reports/residues';

/**
 * An attacker on published tables (docs/disclosure-control.md): it reads every cell an
 * analyst can see, writes down every relation it knows holds between cells — a parent is
 * the sum of its children, the monthly identity, employments by form and by place, a
 * month's closing stock is the next month's opening stock and a year's closing stock, the
 * target is computed from the baseline, the achievement is cleared / target — and solves
 * every relation with exactly one unknown, and every sum whose known total leaves 0 for its
 * unknown parts (counts are never negative, so each is 0), again and again until nothing
 * more comes out.
 *
 * It is written apart from the suppression it attacks (it does not reuse its relations),
 * so that a relation the suppression forgot is one the attacker still uses.
 */

/** Cell → value, or null where every answer that shows the cell suppressed it. */
export type Knowledge = Map<string, number | null>;

export const cellId = (period: string, division: string, path: string): string => `${period}|${division}|${path}`;

const LABELS = new Set(['division', 'year', 'month', 'suppressed']);

/** Adds every figure of published rows to what the attacker knows; a figure shown anywhere is known. */
export const learn = (known: Knowledge, period: string, rows: readonly object[]): void => {
  const walk = (division: string, value: unknown, path: string): void => {
    if (typeof value === 'number' || value === null) {
      const id = cellId(period, division, path);
      const before = known.get(id);
      if (typeof before === 'number' && typeof value === 'number' && before !== value) throw new Error(`${id} published as ${before} and as ${value}`);
      if (typeof before !== 'number') known.set(id, value);
    } else if (typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value as object)) if (path !== '' || !LABELS.has(k)) walk(division, v, path === '' ? k : `${path}.${k}`);
  };
  for (const row of rows) walk((row as { division: string }).division, row, '');
};

export interface Equation {
  readonly terms: readonly { readonly id: string; readonly coefficient: number }[];
}

/** Not sums over child divisions. */
const NOT_ADDITIVE = new Set(['target', 'cumulativeShare', 'achievement', 'medianMonthlyIncome', 'meanMonthlyIncome']);
const IDENTITY: readonly (readonly [string, number])[] = [
  ['stockAtStart', 1], ['identified', 1], ['relapsed', 1], ['cleared', -1], ['withdrawn', -1], ['exempted', -1], ['deregistered', -1], ['stockAtEnd', -1],
];

/** The linear relations among one period's cells, for every division the attacker has seen. */
export const periodEquations = (known: Knowledge, period: string, divisions: readonly string[], parentOf: (code: string) => string | null | undefined): Equation[] => {
  const prefix = `${period}|`;
  const paths = [...new Set([...known.keys()].filter((id) => id.startsWith(prefix)).map((id) => id.slice(id.indexOf('|', prefix.length) + 1)))];
  const has = new Set(divisions);
  const out: Equation[] = [];
  const children = new Map<string, string[]>();
  for (const d of divisions) {
    const p = parentOf(d);
    if (p && has.has(p)) children.set(p, [...(children.get(p) ?? []), d]);
  }
  for (const [parent, kids] of children)
    for (const path of paths.filter((p) => !NOT_ADDITIVE.has(p)))
      out.push({ terms: [{ id: cellId(period, parent, path), coefficient: -1 }, ...kids.map((k) => ({ id: cellId(period, k, path), coefficient: 1 }))] });
  for (const d of divisions) {
    if (IDENTITY.every(([p]) => paths.includes(p))) out.push({ terms: IDENTITY.map(([p, coefficient]) => ({ id: cellId(period, d, p), coefficient })) });
    const byForm = paths.filter((p) => p.startsWith('employmentsStartedByForm.'));
    const byPlace = paths.filter((p) => p.startsWith('employmentsStartedByPlace.'));
    if (byForm.length > 0 && byPlace.length > 0)
      out.push({ terms: [...byForm.map((p) => ({ id: cellId(period, d, p), coefficient: 1 })), ...byPlace.map((p) => ({ id: cellId(period, d, p), coefficient: -1 }))] });
  }
  return out;
};

/** Two cells of different periods that are the same count (a stock on one date). */
export const sameCell = (a: string, b: string): Equation => ({ terms: [{ id: a, coefficient: 1 }, { id: b, coefficient: -1 }] });

/** An in-year count and the monthly move it sums. */
const IN_YEAR_EVENTS = [['identifiedInYear', 'identified'], ['clearedInYear', 'cleared'], ['relapsedInYear', 'relapsed']] as const;
/** The exits: the year's count may be larger (an exit of a household outside the stock), so an attacker equating them is conservative. */
const IN_YEAR_EXITS = [['withdrawnInYear', 'withdrawn'], ['exemptedInYear', 'exempted'], ['deregisteredInYear', 'deregistered']] as const;

const monthsIn = (year: number): string[] => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);

/**
 * The relations between the tables of consecutive `years` and their months, for each
 * division: a stock on a date is one figure (a month's closing stock is the next month's
 * opening one, December's the year's), and a year's events are its months' (with `exits`,
 * the exits' too).
 */
export const yearEquations = (divisions: readonly string[], years: readonly number[], opts: { readonly exits?: boolean } = {}): Equation[] => {
  const months = years.flatMap(monthsIn);
  const sums = opts.exits ? [...IN_YEAR_EVENTS, ...IN_YEAR_EXITS] : IN_YEAR_EVENTS;
  const out: Equation[] = [];
  for (const d of divisions) {
    for (const [i, month] of months.slice(1).entries()) out.push(sameCell(cellId(months[i] as string, d, 'stockAtEnd'), cellId(month, d, 'stockAtStart')));
    for (const year of years) {
      out.push(sameCell(cellId(`${year}-12`, d, 'stockAtEnd'), cellId(String(year), d, 'stockAtEnd')));
      for (const [inYear, move] of sums)
        out.push({ terms: [{ id: cellId(String(year), d, inYear), coefficient: -1 }, ...monthsIn(year).map((m) => ({ id: cellId(m, d, move), coefficient: 1 }))] });
    }
  }
  return out;
};

/** The baseline has no year (domain.md §5): every year's table shows one figure for a division (decision 176). */
export const baselineEquations = (divisions: readonly string[], years: readonly number[]): Equation[] =>
  divisions.flatMap((d) => years.slice(1).map((year, i) => sameCell(cellId(String(years[i]), d, 'baseline'), cellId(String(year), d, 'baseline'))));

/** Non-linear relations of the annual table: target from baseline and share, cleared from achievement. */
const solveAnnual = (known: Knowledge, learnt: (id: string, v: number) => void): void => {
  for (const [id, v] of known) {
    if (!id.endsWith('|baseline') || v === null) continue;
    const stem = id.slice(0, -'baseline'.length);
    const share = known.get(`${stem}cumulativeShare`);
    const bp = typeof share === 'number' ? shareToBasisPoints(share) : undefined;
    if (bp !== undefined && known.get(`${stem}target`) === null) learnt(`${stem}target`, clearanceTarget(v, bp));
  }
  for (const [id, achievement] of known) {
    if (!id.endsWith('|achievement') || typeof achievement !== 'number') continue;
    const stem = id.slice(0, -'achievement'.length);
    const target = known.get(`${stem}target`);
    const cleared = known.get(`${stem}baselineCleared`);
    if (typeof target === 'number' && cleared === null) learnt(`${stem}baselineCleared`, Math.round(achievement * target));
    if (typeof cleared === 'number' && target === null && achievement > 0) learnt(`${stem}target`, Math.round(cleared / achievement));
  }
};

/** A total less its parts (a parent and its children, a year and its months): one term −1, the others +1, every one a count. */
const isSum = (e: Equation): boolean => e.terms.filter((t) => t.coefficient === -1).length === 1 && e.terms.every((t) => t.coefficient === 1 || t.coefficient === -1);

/**
 * Solves every equation with one unknown until nothing changes, and every sum whose known
 * total leaves nothing for its unknown parts (each is then 0: counts are never negative);
 * returns what it recovered.
 */
export const attack = (known: Knowledge, equations: readonly Equation[]): Map<string, number> => {
  const recovered = new Map<string, number>();
  const using = new Map<string, number[]>();
  for (const [i, e] of equations.entries())
    for (const t of e.terms) {
      const list = using.get(t.id);
      if (list) list.push(i);
      else using.set(t.id, [i]);
    }
  const queue: number[] = [];
  const learnt = (id: string, v: number): void => {
    known.set(id, v);
    recovered.set(id, v);
    for (const e of using.get(id) ?? []) queue.push(e);
  };
  const solve = (e: Equation): void => {
    if (e.terms.some((t) => !known.has(t.id))) return;
    const unknown = e.terms.filter((t) => known.get(t.id) === null);
    if (unknown.length === 0) return;
    const rest = e.terms.reduce((s, t) => (known.get(t.id) === null ? s : s + t.coefficient * (known.get(t.id) as number)), 0);
    if (unknown.length === 1) {
      const x = unknown[0] as { id: string; coefficient: number };
      learnt(x.id, -rest / x.coefficient);
      return;
    }
    // Counts are never negative: the unknown parts of a sum whose total is known add up to what the known parts leave, and when that is 0 each is 0.
    if (isSum(e) && unknown.every((t) => t.coefficient === 1) && rest === 0) for (const t of unknown) learnt(t.id, 0);
  };
  for (const e of equations.keys()) queue.push(e);
  for (let before = -1; recovered.size > before; ) {
    before = recovered.size;
    while (queue.length > 0) solve(equations[queue.pop() as number] as Equation);
    solveAnnual(known, learnt);
  }
  return recovered;
};

/**
 * A stronger attacker: the suppressed cells that any linear combination of the equations
 * determines (not only one equation at a time), by Gaussian elimination over the integers
 * modulo a prime. Returns each determined cell with its value modulo that prime, which the
 * caller can compare with the true value modulo the prime. Dense: for small tables only.
 */
export const linearAttack = (known: Knowledge, equations: readonly Equation[]): Map<string, number> => {
  const unknowns = [...new Set(equations.flatMap((e) => e.terms.filter((t) => known.get(t.id) === null).map((t) => t.id)))];
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows = equations
    .filter((e) => e.terms.every((t) => known.has(t.id)))
    .map((e) => {
      const row = new Array<number>(unknowns.length + 1).fill(0);
      for (const t of e.terms) {
        const c = column.get(t.id);
        if (c === undefined) row[unknowns.length] = mod((row[unknowns.length] as number) - t.coefficient * (known.get(t.id) as number));
        else row[c] = mod((row[c] as number) + t.coefficient);
      }
      return row;
    });
  let rank = 0;
  for (let c = 0; c < unknowns.length && rank < rows.length; c++) {
    const pivot = rows.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as number[], rows[rank] as number[]];
    const top = rows[rank] as number[];
    const inv = inverse(top[c] as number);
    for (let k = 0; k < top.length; k++) top[k] = mod((top[k] as number) * inv);
    for (const [i, r] of rows.entries()) {
      if (i === rank || r[c] === 0) continue;
      const f = r[c] as number;
      for (let k = 0; k < r.length; k++) r[k] = mod((r[k] as number) - f * (top[k] as number));
    }
    rank += 1;
  }
  const determined = new Map<string, number>();
  for (const r of rows.slice(0, rank)) {
    const nonZero = unknowns.flatMap((id, c) => (r[c] === 0 ? [] : [id]));
    if (nonZero.length === 1) determined.set(nonZero[0] as string, r[unknowns.length] as number);
  }
  return determined;
};
