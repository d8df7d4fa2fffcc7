import type { ReadModelDifference } from './read-model-check';

/**
 * The differences found, counted in full but kept only up to `limit`: a read model
 * damaged throughout must not hold a difference per row in memory to report that it is.
 */
export class DifferenceList {
  private readonly kept: ReadModelDifference[] = [];
  private counted = 0;

  constructor(private readonly limit: number) {}

  add(d: ReadModelDifference): void {
    this.counted++;
    if (this.kept.length < this.limit) this.kept.push(d);
  }

  /** Appends another list's differences after these, in order. */
  addAll(other: DifferenceList): void {
    for (const d of other.kept) this.add(d);
    this.counted += other.counted - other.kept.length;
  }

  get count(): number {
    return this.counted;
  }

  get listed(): readonly ReadModelDifference[] {
    return this.kept;
  }
}
