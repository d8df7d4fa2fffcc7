import * as E from 'fp-ts/Either';
import {
  daysBetween, decide, DecisionContext, Fact, HouseholdEventC, householdIdOf, isBusinessDate, replayAnomalies,
} from '@hearth/domain';
import type { EventStore, RecordedEvent } from '@hearth/event-store';
import { hashChecks } from './hash-checks';

export interface LogFinding {
  /** The household (the stream id for a stream that is not a household's). */
  readonly householdId: string;
  /** Global position of the event. */
  readonly position: number;
  readonly kind: string;
  readonly detail: string;
}

/** `hearth verify --json` (cli.md). */
export interface LogVerification {
  readonly streams: number;
  readonly events: number;
  /** Hash breaks, undecodable events, and events the Decider would not have produced from the history before them. */
  readonly anomalies: readonly LogFinding[];
  /** Events recorded more than policy.lateRecordingDays after their business date. */
  readonly notices: readonly LogFinding[];
}

export interface VerifyOptions {
  /**
   * The store hands out global positions without gaps (SQLite, in memory): a missing
   * position then means an event was deleted behind the ledger's back — even the last
   * event of a stream, which no hash chain can show. Not for EventStoreDB, whose
   * positions are byte offsets.
   */
  readonly contiguousPositions?: boolean;
  /** Events per read while listing the streams. Default 5000. */
  readonly pageSize?: number;
  readonly onProgress?: (p: { streams: number; streamsChecked: number }) => void;
}

/**
 * Stream ids in order of first appearance, read page by page (the events themselves are
 * not kept), and the gaps in the sequence of global positions met on the way.
 */
const scanLog = async (store: EventStore, pageSize: number): Promise<{ ids: string[]; gaps: { after: number; next: number }[] }> => {
  const seen = new Set<string>();
  const gaps: { after: number; next: number }[] = [];
  let previous = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize });
    for (const e of page) {
      seen.add(e.streamId);
      if (e.position !== previous + 1) gaps.push({ after: previous, next: e.position });
      previous = e.position;
    }
    if (page.length < pageSize) return { ids: [...seen], gaps };
    after = (page[page.length - 1] as RecordedEvent).position;
  }
};

const checkStream = (events: readonly RecordedEvent[], ctx: DecisionContext): { anomalies: LogFinding[]; notices: LogFinding[] } => {
  const streamId = (events[0] as RecordedEvent).streamId;
  const householdId = householdIdOf(streamId);
  const who = householdId ?? streamId;
  const anomalies: LogFinding[] = [];
  const notices: LogFinding[] = [];
  hashChecks(events).forEach((c, i) => {
    if (!c.ok) anomalies.push({ householdId: who, position: (events[i] as RecordedEvent).position, kind: 'hash-break', detail: c.detail ?? '' });
  });
  for (const e of events) {
    const recordedOn = e.metadata.recordedAt.slice(0, 10);
    if (!isBusinessDate(recordedOn) || !isBusinessDate(e.metadata.occurredOn)) continue;
    const late = daysBetween(e.metadata.occurredOn, recordedOn);
    if (late > ctx.policy.lateRecordingDays)
      notices.push({ householdId: who, position: e.position, kind: 'late-recording', detail: `${e.type} of ${e.metadata.occurredOn} recorded ${late} days later, at ${e.metadata.recordedAt}` });
  }
  if (householdId === undefined) return { anomalies, notices };
  const facts: Fact[] = [];
  for (const e of events) {
    const decoded = HouseholdEventC.decode({ type: e.type, data: e.data });
    if (E.isLeft(decoded)) {
      anomalies.push({ householdId, position: e.position, kind: 'invalid-event', detail: `${e.type}: the stored data is not a valid event of that type; the stream is not replayed` });
      return { anomalies, notices };
    }
    // The position says which division tree the event was decided against (ctx.divisionsAt).
    facts.push({ event: decoded.right, meta: { eventId: e.eventId, occurredOn: e.metadata.occurredOn, position: e.position, ...(e.metadata.commandId ? { commandId: e.metadata.commandId } : {}) } });
  }
  for (const a of replayAnomalies(facts, householdId, ctx, decide))
    anomalies.push({ householdId, position: (events[a.index] as RecordedEvent).position, kind: a.kind, detail: a.detail });
  return { anomalies, notices };
};

/**
 * The whole-log verifier (domain.md §5 "Household audit"): recomputes every stream's
 * hash chain, replays every household through the Decider (`replayAnomalies`), and lists
 * late recordings apart. Streams are read one at a time, never the whole log at once.
 */
export const verifyLog = async (store: EventStore, ctx: DecisionContext, opts: VerifyOptions = {}): Promise<LogVerification> => {
  const { ids, gaps } = await scanLog(store, opts.pageSize ?? 5000);
  const anomalies: LogFinding[] = opts.contiguousPositions
    ? gaps.map((g) => ({
        householdId: '(log)',
        position: g.after + 1,
        kind: 'position-gap',
        detail: `positions ${g.after + 1}${g.next - 1 > g.after + 1 ? `…${g.next - 1}` : ''} are missing: events were removed from the log`,
      }))
    : [];
  const notices: LogFinding[] = [];
  let events = 0;
  for (const [i, streamId] of ids.entries()) {
    const stream = await store.readStream(streamId);
    if (stream.length === 0) continue;
    events += stream.length;
    const found = checkStream(stream, ctx);
    anomalies.push(...found.anomalies);
    notices.push(...found.notices);
    opts.onProgress?.({ streams: ids.length, streamsChecked: i + 1 });
  }
  const byPosition = (a: LogFinding, b: LogFinding): number => a.position - b.position || (a.kind < b.kind ? -1 : 1);
  return { streams: ids.length, events, anomalies: anomalies.sort(byPosition), notices: notices.sort(byPosition) };
};
