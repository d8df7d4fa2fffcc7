/**
 * A figure that is not a whole number, as a table shows it to people (`--json` gives the
 * number itself): to four decimals, the most a share has (basis points) and more than an
 * amount of money has (cents), so those are shown exactly; a ratio with more decimals
 * (`achievement`) is rounded there, but never onto a whole number it is not. 2,499 cleared
 * against a target of 2,500 is 0.9996, never 1 (the target met); 1 against 20,000 is 0.00005,
 * never 0 (docs/decisions/0156).
 */
export const showFraction = (x: number): string => {
  let decimals = 4;
  while (decimals < 12 && Number.isInteger(Number(x.toFixed(decimals)))) decimals += 1;
  return String(Number(x.toFixed(decimals)));
};
