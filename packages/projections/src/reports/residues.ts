/**
 * Arithmetic modulo a prime, in which the disclosure audit (and the test suite's attacker)
 * eliminates the relations of a published table exactly: a suppressed cell is determined
 * when elimination over this field leaves it alone in a row.
 */

/** A prime small enough that a product of two residues is exact in a double. */
export const P = 1_000_003;

/** `a` as a residue in [0, P). */
export const mod = (a: number): number => ((a % P) + P) % P;

/** The residue whose product with `a` is 1 (`a` not a multiple of P): the extended Euclidean algorithm. */
export const inverse = (a: number): number => {
  let [r0, r1, s0, s1] = [mod(a), P, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0);
};
