// How the dashboard writes a figure that is not a count (docs/decisions/0156). Plain
// functions of a number, without the page: a Node test imports this module as it is.

/** A share (at most four decimals: basis points) as a percentage, exactly: 0.1859 is 18.59%, never 19%. */
export const sharePercent = (v) => `${Number((v * 100).toFixed(2))}%`;

/**
 * A ratio (`achievement`) as a percentage to one decimal, but never rounded onto a whole
 * percentage it is not: 2,499 cleared of a target of 2,500 is 99.96%, never 100.0% (the
 * target met), and 1 of 3,000 is 0.03%, never 0.0%. (Within 1e-9 of a whole percentage is
 * that percentage: 0.29 × 100 is 28.999999999999996 in floating point.)
 */
export const ratioPercent = (v) => {
  const p = v * 100;
  const whole = Math.abs(p - Math.round(p)) < 1e-9;
  let decimals = 1;
  while (!whole && decimals < 12 && Number.isInteger(Number(p.toFixed(decimals)))) decimals += 1;
  return `${p.toFixed(decimals)}%`;
};

/** Money, to the cent. */
export const money = (v) => v.toFixed(2);
