import {
  decide, DecisionContext, DIVISIONS_STREAM, Fact, fold, householdIdOf, isBusinessDate, latestDateAt, replayAnomalies,
} from '@hearth/domain';
import { checkLinks, type RecordedEvent, type StreamAsStored } from '@hearth/event-store';
import { divisionTreeAnomalies } from './division-tree-replay';
import { decodedOrUndefined } from './decoded-or-undefined';
import { versionOutOfPlace } from './version-in-place';
import type { LogFinding } from './finding';

/**
 * One stream as the whole-log verifier judges it: its hash chain on the stored bytes, every
 * event decoded, dated no later than it was recorded, and decided again by the Decider from
 * the history before it (`replayAnomalies`); a household left outside the tree in force;
 * the division stream's trees decided again. `hearth verify` asks it of every stream, and
 * a household's audit timeline of its own (domain.md §5 "Household audit").
 */
export const checkStream = ({ events, texts }: StreamAsStored, ctx: DecisionContext): { anomalies: LogFinding[] } => {
  const streamId = (events[0] as RecordedEvent).streamId;
  const householdId = householdIdOf(streamId);
  const who = householdId ?? streamId;
  const anomalies: LogFinding[] = [];
  const renumbered = versionGap(events);
  if (renumbered) anomalies.push({ householdId: who, ...renumbered });
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
    const recordedUtc = utcTimestampOf(recordedAt);
    if (recordedUtc !== undefined && occurredOn > latestDateAt(recordedUtc))
      anomalies.push({ householdId, position: e.position, kind: 'dated-after-recording', detail: `${e.type}: business date ${occurredOn} is after ${latestDateAt(recordedUtc)}, the latest date anywhere on earth when it was recorded (${recordedAt})` });
    facts.push({ event, meta: commandId ? { eventId: e.eventId, occurredOn, position: e.position, commandId } : { eventId: e.eventId, occurredOn, position: e.position } });
  }
  for (const a of replayAnomalies(facts, householdId, ctx, decide))
    anomalies.push({ householdId, position: (events[a.index] as RecordedEvent).position, kind: a.kind, detail: a.detail });
  const stranded = strandedIn(facts, ctx);
  if (stranded) anomalies.push({ householdId, position: (events[events.length - 1] as RecordedEvent).position, kind: 'stranded-household', detail: stranded });
  return { anomalies };
};

/**
 * A recording time as the ledger writes it, an ISO timestamp in UTC; another text that is a
 * time (`2016/12/31 23:00Z`, an RFC 1123 date: an edit by hand) as that instant's; undefined
 * for none, which the log scan names as `invalid-event` (no date is after it). Read whole,
 * never by its first ten characters alone, which for other text are no date (decision 206).
 */
const utcTimestampOf = (recordedAt: string): string | undefined => {
  if (isBusinessDate(recordedAt.slice(0, 10)) && recordedAt.endsWith('Z')) return recordedAt;
  const ms = Date.parse(recordedAt);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return isBusinessDate(iso.slice(0, 10)) ? iso : undefined;
};

/**
 * The first event of a whole stream not at its place (`versionOutOfPlace`; the positions'
 * own gaps are the log scan's). Named once a stream, at that event: every version after it
 * is off too.
 */
const versionGap = (events: readonly RecordedEvent[]): { position: number; kind: 'version-gap'; detail: string } | undefined => {
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as RecordedEvent;
    const off = versionOutOfPlace(e, i);
    if (off !== undefined) return { position: e.position, kind: 'version-gap', detail: `${off}: the stream's versions were renumbered, or an event was taken out of it` };
  }
  return undefined;
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

