import type { LogFinding } from './finding';

/** The order every list of findings is given in: by position, then kind. */
export const byPosition = (a: LogFinding, b: LogFinding): number => a.position - b.position || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

/**
 * Counts every finding and keeps the `limit` earliest (by position): a bulk import of past
 * records makes a late-recording notice of every event, tens of millions at a full region,
 * far more than memory holds or a person reads. Sorting and cutting back whenever twice the
 * limit is held keeps memory bounded and each finding's cost amortised O(log limit).
 */
export class EarliestFindings {
  private held: LogFinding[] = [];
  count = 0;

  constructor(private readonly limit: number) {}

  add(finding: LogFinding): void {
    this.count += 1;
    if (this.limit === 0) return;
    this.held.push(finding);
    if (this.held.length >= 2 * this.limit) this.cut();
  }

  /** The earliest `limit` findings, in order. */
  earliest(): LogFinding[] {
    this.cut();
    return [...this.held];
  }

  private cut(): void {
    this.held.sort(byPosition);
    if (this.held.length > this.limit) this.held.length = this.limit;
  }
}
