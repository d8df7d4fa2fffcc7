import { LruCache } from '@hearth/event-store';

/**
 * Households' records as the writer's own last committed page left them, held parsed from
 * one page to the next (docs/decisions/0106), so that a household whose events fall in
 * many pages (a log written day by day) is not read and unpacked again at each of them.
 *
 * They are the table's rows only while nothing else has written the table: the records
 * are trusted at a page only when the projection's checkpoint, as the page's transaction
 * reads it, is the position this writer's last page committed (`begin`). Any other
 * checkpoint — another process caught up or rebuilt meanwhile, or the writer's own last
 * page rolled back — forgets them all. Between `begin` and `committed` the records
 * the page writes are added; if the page never commits, the next `begin` forgets them.
 *
 * At most `capacity` households, the least lately used forgotten first: the memory stays
 * bounded whatever the log's size, and a record forgotten is read from the table again.
 */
export class KeptRecords<R> {
  private readonly records: LruCache<string, R>;
  /** The checkpoint the records are of; undefined while a page is under way or after a failure. */
  private at: number | undefined;
  /** Within a page whose `begin` found the records of its checkpoint: only then are they handed out, or added to. */
  private trusted = false;

  constructor(capacity: number) {
    this.records = new LruCache(capacity);
  }

  /** A page begins, the projection's checkpoint at `from`: the records are kept only if they are of it. */
  begin(from: number): void {
    if (this.at !== from) this.records.clear();
    this.at = undefined;
    this.trusted = true;
  }

  /** The page's transaction committed, the checkpoint at `position`: the records are those of it. */
  committed(position: number): void {
    this.at = position;
    this.trusted = false;
  }

  /** The household's record, if kept (it becomes the most lately used); none outside a page `begin` let in. */
  take(householdId: string): R | undefined {
    return this.trusted ? this.records.get(householdId) : undefined;
  }

  /** The household's record as the page writes it (or read it). */
  keep(householdId: string, record: R): void {
    if (this.trusted) this.records.set(householdId, record);
  }

  /** Forgets every record: the page's transaction failed, and what it kept may be newer than the table. */
  forget(): void {
    this.records.clear();
    this.at = undefined;
    this.trusted = false;
  }
}
