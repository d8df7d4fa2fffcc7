import type { DecisionContext } from '@hearth/domain';
import { isDamagedEventError, readStreamAsStored, type EventStore, type StreamAsStored } from '@hearth/event-store';
import { byPosition, EarliestFindings } from './earliest-findings';
import { LateRecordings } from './late-recording';
import type { LogFinding } from './finding';
import { scanLog } from './log-scan';
import { checkStream } from './stream-check';

export type { LogFinding } from './finding';

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
