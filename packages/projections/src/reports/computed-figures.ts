/**
 * Which figures of a report row are computed from another of its figures rather than counted: the one home of that
 * pairing for disclosure control, read by primary suppression (a computed figure goes with what it is computed from)
 * and by the complementary suppression (a computed count and its source are hidden together or not at all).
 */

/** Figures computed from a count: suppressed with it (and, in turn, what is computed from those). */
export const DERIVED: Readonly<Record<string, readonly string[]>> = {
  baseline: ['target'],
  baselineCleared: ['achievement'],
  target: ['achievement'],
  incomeRecords: ['medianMonthlyIncome', 'meanMonthlyIncome'],
};

/**
 * Counts computed from another count rather than counted: a target is ceil(baseline × cumulativeShare), a goal, not
 * households that exist. Never small on their own; hidden with the count they come from, as a target of 1–4 beside a
 * baseline of 5 or more points at no family, and hiding it hid that baseline in one year's table and not the next's
 * (docs/decisions/0176).
 */
export const COMPUTED_COUNTS: ReadonlySet<string> = new Set(['target']);

/**
 * Each computed count with the count it is computed from (`[target, baseline]`): the row publishes the share, so
 * either gives the other away, and the complementary suppression hides both or neither.
 */
export const COMPUTED_WITH_SOURCE: readonly (readonly string[])[] = Object.entries(DERIVED).flatMap(([source, computed]) =>
  computed.filter((figure) => COMPUTED_COUNTS.has(figure)).map((figure) => [figure, source]),
);
