import type { RelationSet } from './relation-set';

/**
 * When a published relation Σ sign × cell = 0 gives a suppressed cell away, to an attacker who
 * subtracts and who knows that counts are never negative (docs/disclosure-control.md, "The
 * algorithm"): the suppressed cells add up, sign by sign, to what the published ones leave.
 *
 * - With exactly one suppressed cell, that is its value.
 * - When every suppressed cell is 0 and all have one sign, what they add up to is 0, and none
 *   is negative, so each is 0: a total published as 0 pins every part, hidden or not, and so
 *   does a total whose published parts use it all up.
 *
 * Suppressed cells of both signs, or one that is not 0, leave only a range. That is the one
 * rule of what a relation gives away: the suppression hides cells until no relation does.
 */

/**
 * The sign shared by every suppressed cell of relation r when they are all 0 (1 or -1), or 0
 * when they are not (a non-zero one, or both signs) or there are none; and how many there are.
 */
export const suppressedZeros = (relations: RelationSet, r: number, values: readonly number[], hidden: readonly boolean[]): { count: number; sign: number } => {
  let count = 0;
  let sign = 0;
  let zeros = true;
  for (let k = relations.start(r); k < relations.start(r + 1); k++) {
    const cell = relations.cell(k);
    if (!hidden[cell]) continue;
    count += 1;
    if (values[cell] !== 0) zeros = false;
    else if (count === 1) sign = relations.sign(k);
    else if (relations.sign(k) !== sign) zeros = false;
  }
  return { count, sign: zeros ? sign : 0 };
};

/** Whether relation r gives a suppressed cell away (see the file comment). */
export const givesAway = (relations: RelationSet, r: number, values: readonly number[], hidden: readonly boolean[]): boolean => {
  const { count, sign } = suppressedZeros(relations, r, values, hidden);
  return count === 1 || (count > 1 && sign !== 0);
};

/**
 * Whether suppressing a published cell of value `value` and sign `sign` in a relation whose
 * suppressed cells are `zeros` (suppressedZeros) leaves it giving nothing away: a non-zero
 * cell always does; a 0 only beside suppressed cells of the other sign or holding a non-zero one
 * (beside zeros of its own sign it is one more part of a sum known to be 0).
 */
export const ends = (zeros: { readonly sign: number }, value: number, sign: number): boolean => value !== 0 || zeros.sign !== sign;
