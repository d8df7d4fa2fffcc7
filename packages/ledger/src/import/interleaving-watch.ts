/** Commands the watch looks at: the start of a file says how it is ordered. */
const WATCHED = 10_000;
/** Share of the watched commands that return to a household left for another. */
const INTERLEAVED_SHARE = 0.5;

/**
 * Tells, once, that an import file interleaves its households: among its first WATCHED
 * commands, more than half come back to a household the file had left for another.
 * Household order comes back to none; date order to nearly every one. Such a file
 * imports far faster regrouped (`hearth regroup`, docs/decisions/0108). Holds at most
 * WATCHED household ids.
 */
export class InterleavingWatch {
  private readonly seen = new Set<string>();
  private previous: string | undefined;
  private commands = 0;
  private returns = 0;

  /** True for the command that settles it, when the file interleaves; false for every other. */
  see(householdId: string): boolean {
    if (this.commands >= WATCHED) return false;
    this.commands++;
    if (householdId !== this.previous && this.seen.has(householdId)) this.returns++;
    this.seen.add(householdId);
    this.previous = householdId;
    if (this.commands < WATCHED) return false;
    this.seen.clear();
    return this.returns > INTERLEAVED_SHARE * WATCHED;
  }
}
