/** Commands the watch looks at, at most: the start of a file says how it is ordered. */
const WATCHED = 200_000;
/** Returns that settle it, and the share of the commands seen they must be. */
const RETURNS = 1_000;
const SHARE = 0.05;

/**
 * Tells, once, that an import file interleaves its households: among its first WATCHED
 * commands, RETURNS or more come back to a household the file had left for another, and
 * they are at least SHARE of the commands so far. A file in household order comes back to
 * none. A file in date order first registers households (the full region's first 10,000
 * commands are 10,000 registrations), then comes back to them ever more often: 5% of its
 * commands by ~40,000 lines, a third of them at 20,000 households. Such a file imports far
 * faster regrouped (`hearth regroup`, docs/decisions/0108). Holds at most WATCHED
 * household ids, and none once it has settled.
 */
export class InterleavingWatch {
  private seen: Set<string> | undefined = new Set<string>();
  private previous: string | undefined;
  private commands = 0;
  private returns = 0;

  /** True for the command that settles it, when the file interleaves; false for every other. */
  see(householdId: string): boolean {
    const seen = this.seen;
    if (seen === undefined) return false;
    this.commands++;
    if (householdId !== this.previous && seen.has(householdId)) this.returns++;
    seen.add(householdId);
    this.previous = householdId;
    const interleaved = this.returns >= RETURNS && this.returns >= SHARE * this.commands;
    if (interleaved || this.commands >= WATCHED) this.seen = undefined;
    return interleaved;
  }
}
