import type { Policy } from '@hearth/domain';
import { logPages, type EventStore } from '@hearth/event-store';
import { LateRecordings } from './late-recording';
import type { LogFinding } from './finding';

export interface LateRecordingsPage {
  /** Late-recording notices after the asked position, in position order, at most the asked number. */
  readonly notices: readonly LogFinding[];
  /** Where the next page starts (the position of the last notice listed), or null: the log holds no more. */
  readonly next: number | null;
}

export interface LateRecordingsPageOptions {
  /** Only events at a later position than this (0: from the start). */
  readonly after: number;
  /** At most this many notices (1 or more). */
  readonly limit: number;
  /** Events read a time. */
  readonly pageSize?: number;
}

/**
 * One page of the late-recording notices that `verifyLog` lists (the same notices, in the
 * same order): a notice is a property of its event alone, so a page reads the log from
 * `after` until it has `limit` of them or reaches the end, and never verifies anything.
 * This is how a client walks a log whose every event is a notice (a bulk import of past
 * records: 18.7 million at the full region) without one answer holding them all
 * (docs/decisions/0073). A damaged event stops the page with the store's DamagedEventError.
 */
export const lateRecordingsPage = async (store: EventStore, policy: Pick<Policy, 'lateRecordingDays'>, opts: LateRecordingsPageOptions): Promise<LateRecordingsPage> => {
  if (!Number.isInteger(opts.after) || opts.after < 0) throw new RangeError(`after must be a whole number, 0 or more (got ${opts.after})`);
  if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new RangeError(`limit must be a whole number, 1 or more (got ${opts.limit})`);
  const notices: LogFinding[] = [];
  const late = new LateRecordings(policy);
  for await (const page of logPages(store, { after: opts.after, pageSize: opts.pageSize ?? 5000 })) {
    for (const e of page) {
      const notice = late.of(e);
      if (notice === undefined) continue;
      notices.push(notice);
      if (notices.length === opts.limit) return { notices, next: notice.position };
    }
  }
  return { notices, next: null };
};
