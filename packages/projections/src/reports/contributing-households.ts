/**
 * Decision 186: a count of members, events or records can point at one family however
 * large it is (five members of one household employed in a month), so disclosure control
 * also reads, for each count cell of the progress table, how many distinct households
 * contribute to it. These figures are never served: they travel beside the table into the
 * analysts' suppression only.
 */

/** Per count path of a row (`membersSurveyed`, `trainingsOffered.basic`, `incomeRecords`), the households behind it; a path left out has none. */
export type HouseholdsBehind = Record<string, number>;

/** Per division of a table, its row's households behind each count. */
export type ContributingHouseholds = ReadonlyMap<string, Readonly<HouseholdsBehind>>;

export const noHouseholds = (): HouseholdsBehind => ({});

/** Adds `n` households behind the count at `path`. */
export const addHouseholds = (behind: HouseholdsBehind, path: string, n = 1): void => {
  behind[path] = (behind[path] ?? 0) + n;
};

/** Adds `b` into `acc`, in place: how divisions roll up (a household's month lies in one village, so the sums are exact). */
export const addHouseholdsInto = (acc: HouseholdsBehind, b: Readonly<HouseholdsBehind>): void => {
  for (const path in b) acc[path] = (acc[path] ?? 0) + (b[path] as number);
};
