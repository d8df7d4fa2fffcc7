import { householdIdOf, isBusinessDate } from '@hearth/domain';
import { OCCURRED_ON_NOT_A_DATE, type EventStore, type RecordedEvent } from '@hearth/event-store';
import { readablePages } from './readable-pages';
import type { LogFinding } from './finding';

/**
 * How far back a recording time may go from one position to the next before the order
 * of the log is called into question. Honest logs step back a little: an event's
 * recordedAt is taken when its command is decided, before the write lock, so a writer
 * that waited for another one (or an import checkpoint prepared before its batch)
 * commits a slightly older time after a newer one (docs/decisions/0009).
 */
export const RECORDING_ORDER_SLACK_MS = 60_000;

export interface LogScan {
  /** Stream ids in order of first appearance. */
  readonly ids: readonly string[];
  /** Stored events, damaged ones included. */
  readonly events: number;
  /** What only the order of the whole log shows. */
  readonly anomalies: readonly LogFinding[];
}

export interface ScanOptions {
  readonly pageSize: number;
  /** Report missing positions (the store numbers them without gaps). */
  readonly contiguous: boolean;
  /** Called with every readable event, in position order (the scan keeps none). */
  readonly onEvent?: (e: RecordedEvent) => void;
  /** Called after each page read: how many positions have been read so far, and the last of them. */
  readonly onPage?: (p: { readonly eventsRead: number; readonly position: number }) => void;
}

const who = (streamId: string): string => householdIdOf(streamId) ?? streamId;

/**
 * Reads the whole log once, in position order and page by page (the events are not
 * kept), and reports what no single stream's chain can show:
 * - `unreadable-event`: a stored row that is no event (its data or envelope is not JSON);
 * - `position-gap`: positions missing on a store that numbers them without gaps, the last
 *   ones of the whole log included when the store counts what it handed out;
 * - `position-order`: an event at a later position than a later version of its own stream;
 * - `recorded-out-of-order`: an event recorded more than RECORDING_ORDER_SLACK_MS before
 *   the event at the position before it;
 * - `invalid-event`: an event whose business date is no date, or whose recording time is no
 *   time. The ledger writes neither (its commands' dates are checked, its clock gives the
 *   time), so it was edited with its hashes recomputed: the read side refuses the first as
 *   damaged (feed-event.ts), and the second leaves the order of the log unchecked around it.
 */
export const scanLog = async (store: EventStore, opts: ScanOptions): Promise<LogScan> => {
  // Counted before the scan: events appended while it runs are then never taken for a tail.
  const counter = opts.contiguous ? store.issuedPositions : undefined;
  const issued = counter ? await counter.highest() : undefined;
  const lastVersion = new Map<string, number>();
  const anomalies: LogFinding[] = [];
  // The last event with a readable recording time: kept as three fields, not an object per event.
  let previousPosition = 0;
  let previousRecordedAt = Number.NaN;
  let previousStreamId = '';
  let lastPosition = 0;
  let count = 0;
  const missing = (from: number, to: number, why: string): void => {
    anomalies.push({ householdId: '(log)', position: from, kind: 'position-gap', detail: `position${to > from ? `s ${from}…${to} are` : ` ${from} is`} missing: ${why}` });
  };
  const seen = (position: number): void => {
    count += 1;
    if (opts.contiguous && position !== lastPosition + 1) missing(lastPosition + 1, position - 1, 'events were removed from the log');
    lastPosition = position;
  };
  for await (const { events, damaged } of readablePages(store, opts.pageSize)) {
    for (const e of events) {
      seen(e.position);
      opts.onEvent?.(e);
      const before = lastVersion.get(e.streamId);
      if (before !== undefined && e.streamVersion < before)
        anomalies.push({ householdId: who(e.streamId), position: e.position, kind: 'position-order', detail: `version ${e.streamVersion} of ${e.streamId} is stored after version ${before} of the same stream: positions were reordered` });
      lastVersion.set(e.streamId, Math.max(before ?? -1, e.streamVersion));
      if (!isBusinessDate(e.metadata.occurredOn))
        anomalies.push({ householdId: who(e.streamId), position: e.position, kind: 'invalid-event', detail: `${e.type}: ${OCCURRED_ON_NOT_A_DATE} (${JSON.stringify(e.metadata.occurredOn)}): the read side refuses it as damaged` });
      const recordedAt = Date.parse(e.metadata.recordedAt);
      if (Number.isNaN(recordedAt))
        anomalies.push({ householdId: who(e.streamId), position: e.position, kind: 'invalid-event', detail: `${e.type}: metadata.recordedAt ${JSON.stringify(e.metadata.recordedAt)} is not a time: the order of the log is not checked around it` });
      // NaN before the first readable time: the comparison is false.
      if (previousRecordedAt - recordedAt > RECORDING_ORDER_SLACK_MS)
        anomalies.push({
          householdId: who(e.streamId),
          position: e.position,
          kind: 'recorded-out-of-order',
          detail: `recorded at ${e.metadata.recordedAt}, ${Math.round((previousRecordedAt - recordedAt) / 1000)} s before the event at position ${previousPosition} (${previousStreamId}) that precedes it: the order of the log was changed, or the clock went back`,
        });
      if (!Number.isNaN(recordedAt)) {
        previousPosition = e.position;
        previousRecordedAt = recordedAt;
        previousStreamId = e.streamId;
      }
    }
    if (damaged) {
      seen(damaged.position);
      if (!lastVersion.has(damaged.streamId)) lastVersion.set(damaged.streamId, -1);
      anomalies.push({ householdId: who(damaged.streamId), position: damaged.position, kind: 'unreadable-event', detail: `${damaged.reason}; the chain and replay of ${damaged.streamId} are not checked` });
    }
    // The walk's last read may find nothing: it is no page.
    if (events.length > 0 || damaged) opts.onPage?.({ eventsRead: count, position: lastPosition });
  }
  if (counter && issued !== undefined) {
    // The file alone cannot tell which: both are edits behind the ledger's back, and an anchor says what the log held.
    if (issued > lastPosition) missing(lastPosition + 1, issued, `the store handed out position ${issued}, but the log ends at ${lastPosition}: its last events were removed, or the position counter was raised`);
    // Read again: appends made during the scan raise both.
    const counted = await counter.highest();
    if (counted < lastPosition)
      anomalies.push({ householdId: '(log)', position: lastPosition, kind: 'position-gap', detail: `the store's position counter (${counted}) is below the last position (${lastPosition}): the counter was edited` });
  }
  return { ids: [...lastVersion.keys()], events: count, anomalies };
};
