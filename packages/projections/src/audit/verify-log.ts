import {
  decide, DecisionContext, DIVISIONS_STREAM, Fact, fold, HouseholdEvent, householdIdOf, latestDateAt, replayAnomalies,
} from '@hearth/domain';
import {
  checkLinks, householdEventCodec, isDamagedEventError, readStreamAsStored, type EventStore, type RecordedEvent, type StreamAsStored,
} from '@hearth/event-store';
import { divisionTreeAnomalies } from './division-tree-replay';
import { byPosition, EarliestFindings } from './earliest-findings';
import { LateRecordings } from './late-recording';
import { scanLog } from './log-scan';

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
  /** Events recorded more than policy.lateRecordingDays after their business date, in position order (the earliest `keepNotices` of them when that is set; none with `onNotice`). */
  readonly notices: readonly LogFinding[];
  /** With `keepNotices` or `onNotice`: how many notices there are in all. */
  readonly noticesFound?: number;
}

export interface VerifyOptions {
  /**
   * Report missing global positions: a missing one means an event was deleted behind the
   * ledger's back, even the last of a stream, which no hash chain can show. Default: when
   * the store offers `issuedPositions` (SQLite, memory; not EventStoreDB, whose positions
   * are byte offsets), which also shows the deleted last events of the whole log.
   */
  readonly contiguousPositions?: boolean;
  /** Events per read while listing the streams. Default 5000. */
  readonly pageSize?: number;
  /**
   * While the log is read in position order (the first pass, before any stream is
   * checked), after each page: the events read so far and the last position read.
   */
  readonly onScanProgress?: (p: { readonly eventsRead: number; readonly position: number }) => void;
  /** While the streams are checked one by one (the second pass), after each stream. */
  readonly onProgress?: (p: { streams: number; streamsChecked: number }) => void;
  /**
   * Keep only the earliest this many notices (by position) and count the rest
   * (`noticesFound`). Default: keep all — after a bulk import of past records that is one
   * per event, so a caller that lists a few (the CLI's table) should set it.
   */
  readonly keepNotices?: number;
  /**
   * Hands every notice to this function, in position order, as the log is read, and keeps
   * none (`notices` is empty, `noticesFound` counts them): for a caller that writes them
   * out as they come (`hearth verify --json`), whose memory must not grow with the log.
   */
  readonly onNotice?: (notice: LogFinding) => void;
}

/** The stored household event decoded by the one codec every reader uses (docs/decisions/0060), or undefined when it is not valid. */
const decodedOrUndefined = (e: RecordedEvent): HouseholdEvent | undefined => {
  try {
    return householdEventCodec.decode(e);
  } catch (error) {
    if (isDamagedEventError(error)) return undefined;
    throw error;
  }
};

const checkStream = ({ events, texts }: StreamAsStored, ctx: DecisionContext): { anomalies: LogFinding[] } => {
  const streamId = (events[0] as RecordedEvent).streamId;
  const householdId = householdIdOf(streamId);
  const who = householdId ?? streamId;
  const anomalies: LogFinding[] = [];
  checkLinks(events, undefined, texts).forEach((c, i) => {
    if (!c.ok) anomalies.push({ householdId: who, position: (events[i] as RecordedEvent).position, kind: 'hash-break', detail: c.detail });
  });
  // The division tree stream is decided again as a whole: its trees, not a household's commands.
  if (householdId === undefined) return { anomalies: streamId === DIVISIONS_STREAM ? [...anomalies, ...divisionTreeAnomalies(events)] : anomalies };
  const facts: Fact[] = [];
  for (const e of events) {
    const event = decodedOrUndefined(e);
    if (event === undefined) {
      anomalies.push({ householdId, position: e.position, kind: 'invalid-event', detail: `${e.type}: the stored data is not a valid event of that type; the stream is not replayed` });
      return { anomalies };
    }
    // The position says which division tree the event was decided against (ctx.divisionsAt).
    const { occurredOn, commandId, recordedAt } = e.metadata;
    if (occurredOn > latestDateAt(recordedAt))
      anomalies.push({ householdId, position: e.position, kind: 'dated-after-recording', detail: `${e.type}: business date ${occurredOn} is after ${recordedAt.slice(0, 10)}, the day it was recorded` });
    facts.push({ event, meta: commandId ? { eventId: e.eventId, occurredOn, position: e.position, commandId } : { eventId: e.eventId, occurredOn, position: e.position } });
  }
  for (const a of replayAnomalies(facts, householdId, ctx, decide))
    anomalies.push({ householdId, position: (events[a.index] as RecordedEvent).position, kind: a.kind, detail: a.detail });
  const stranded = strandedIn(facts, ctx);
  if (stranded) anomalies.push({ householdId, position: (events[events.length - 1] as RecordedEvent).position, kind: 'stranded-household', detail: stranded });
  return { anomalies };
};

/**
 * Whether the household's division may be one the tree in force does not hold: it is its
 * registration's, the last transfer's, or a corrected registration's. Almost every
 * household's are all in the tree, and then no second fold of the stream is needed
 * (the replay's does not come out of it): verify's cost is measured (decision 105).
 */
const mayBeOutside = (facts: readonly Fact[], ctx: DecisionContext): boolean =>
  facts.some(({ event: e }) =>
    e.type === 'EventCorrected' ||
    (e.type === 'HouseholdRegistered' && ctx.divisions.get(e.data.divisionCode) === undefined) ||
    (e.type === 'HouseholdTransferred' && ctx.divisions.get(e.data.to) === undefined));

/**
 * Why the household is left where the tree in force no longer reaches, if it is: open (not
 * deregistered) in a division that tree does not hold, and moved by no HouseholdTransferred.
 * The ledger refuses a tree that strands a household, or appends its move with the tree
 * (docs/decisions/0015), so this is a tree recorded behind the Decider's back; each
 * household's replay alone never meets it when no event of the household follows the tree.
 * (On EventStoreDB, a tree whose moves stopped part-way is this too, until `divisions load`
 * of the same tree finishes them.)
 */
const strandedIn = (facts: readonly Fact[], ctx: DecisionContext): string | undefined => {
  if (!mayBeOutside(facts, ctx)) return undefined;
  const state = fold(facts);
  const code = state.divisionCode;
  if (state.status === 'deregistered' || state.status === 'unregistered' || code === undefined || ctx.divisions.get(code)) return undefined;
  return `the household is still in ${code}, which the division tree in force no longer holds, and no HouseholdTransferred moved it: the ledger refuses a tree that strands a household (decision 15); a tree was recorded behind its back`;
};

/**
 * The whole-log verifier (domain.md §5 "Household audit"): recomputes every stream's
 * hash chain, replays every household through the Decider (`replayAnomalies`), and lists
 * late recordings apart. Streams are read one at a time, never the whole log at once.
 */
export const verifyLog = async (store: EventStore, ctx: DecisionContext, opts: VerifyOptions = {}): Promise<LogVerification> => {
  const all: LogFinding[] = [];
  const capped = opts.keepNotices === undefined ? undefined : new EarliestFindings(Math.max(0, Math.floor(opts.keepNotices)));
  let passed = 0;
  const { onNotice } = opts;
  const handOn = (n: LogFinding): void => {
    passed += 1;
    onNotice?.(n);
  };
  const notices = onNotice ? { add: handOn } : (capped ?? { add: (n: LogFinding) => void all.push(n) });
  const late = new LateRecordings(ctx.policy);
  const { ids, events, anomalies: inLog } = await scanLog(store, {
    pageSize: opts.pageSize ?? 5000,
    contiguous: opts.contiguousPositions ?? store.issuedPositions !== undefined,
    onEvent: (e) => {
      const notice = late.of(e);
      if (notice) notices.add(notice);
    },
    ...(opts.onScanProgress ? { onPage: opts.onScanProgress } : {}),
  });
  const anomalies: LogFinding[] = [...inLog];
  for (const [i, streamId] of ids.entries()) {
    const stream = await readStreamUnlessDamaged(store, streamId);
    opts.onProgress?.({ streams: ids.length, streamsChecked: i + 1 });
    if (stream === undefined || stream.events.length === 0) continue;
    anomalies.push(...checkStream(stream, ctx).anomalies);
  }
  const found = { streams: ids.length, events, anomalies: anomalies.sort(byPosition) };
  if (onNotice) return { ...found, notices: [], noticesFound: passed };
  return capped ? { ...found, notices: capped.earliest(), noticesFound: capped.count } : { ...found, notices: all };
};

/**
 * The stream, with the text it is stored as where the store keeps it, so that its chain is
 * checked on the stored bytes (docs/decisions/0105); `undefined` for a stream with a
 * damaged row: the scan of the log has reported that row already.
 */
const readStreamUnlessDamaged = async (store: EventStore, streamId: string): Promise<StreamAsStored | undefined> => {
  try {
    return await readStreamAsStored(store, streamId);
  } catch (error) {
    if (isDamagedEventError(error)) return undefined;
    throw error;
  }
};
