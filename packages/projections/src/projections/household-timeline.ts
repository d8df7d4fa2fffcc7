import { referencePolicy, Status } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import { keepsStatusEvent, nextStatus, statusAfterChange } from './household-status.projection';
import { stockMove } from '../reports/stock-moves';
import { FROM_THE_START } from './series-table';
import { endOfMonthIndex, monthIndex } from './village-series';
import { IN_YEAR } from '../reports/annual-event-counts';

/**
 * What the division counters need to know of one household: the villages it was in, its
 * status changes and its labour concerns, each with its business date (and log position,
 * which orders events of one stream). Small: a few entries a household.
 */
export interface HouseholdTimeline {
  /** [position, occurredOn, village]: the registration, then every HouseholdTransferred. */
  readonly villages: [number, string, string][];
  /**
   * [position, occurredOn, eventType, from, to]: every status event that sets the status, and every survey that
   * changed it or is dated before a change kept before it (`keepsStatusEvent`); `from` and `to` the status before
   * and after it in log order (docs/decisions/0164).
   */
  readonly statuses: [number, string, string, Status, Status][];
  /** visitId → [raisedOn, resolvedOn]: labour concerns. */
  readonly concerns: Record<string, [string | null, string | null]>;
}

export const emptyTimeline = (): HouseholdTimeline => ({ villages: [], statuses: [], concerns: {} });

/**
 * The rule of a village at a date: of the entries dated on or before it, the one latest in
 * log order (position) stands. `laterInLog` says whether `x`, dated on or before the date,
 * replaces `best` so far; `villageAt` and the progress counters' month-by-month sweep
 * (eligible-members.ts `eligibleOf`) both choose with it. A status is not chosen but folded
 * (`statusAt`): a survey's status depends on the one before it.
 */
export const laterInLog = <E extends readonly [number, ...unknown[]]>(x: E, best: E | undefined): boolean => best === undefined || x[0] > best[0];

/** The registration's village: where a household counts before any entry on or before a date (docs/decisions/0015). */
export const registrationVillage = (t: Pick<HouseholdTimeline, 'villages'>): string | undefined => {
  let first: [number, string, string] | undefined;
  for (const v of t.villages) if (first === undefined || v[0] < first[0]) first = v;
  return first?.[2];
};

/** The village at the end of `date`: the last one entered on or before it (log order), else the registration's (docs/decisions/0015). */
export const villageAt = (t: Pick<HouseholdTimeline, 'villages'>, date: string): string | undefined => {
  let best: [number, string, string] | undefined;
  for (const v of t.villages) if (v[1] <= date && laterInLog(v, best)) best = v;
  return best !== undefined ? best[2] : registrationVillage(t);
};

const byPosition = <E extends readonly [number, ...unknown[]]>(a: E, b: E): number => a[0] - b[0];

/**
 * The entries in log order, ties in the order given (a stable sort): `entries` itself when
 * already so, as they nearly always are (they are added as the log is read), else a sorted copy.
 */
const inLogOrder = <E extends readonly [number, ...unknown[]]>(entries: readonly E[]): readonly E[] => {
  for (let k = 1; k < entries.length; k++) if ((entries[k - 1] as E)[0] > (entries[k] as E)[0]) return [...entries].sort(byPosition);
  return entries;
};

/**
 * The status at the end of `date` (undefined before the first status event): the household's
 * status events dated on or before it folded in log order (`statusAfterChange`), as the
 * domain's history folds them (`stateAsOf`). Not merely the `to` of the latest of them: a
 * survey recorded after a later-dated change made its `to` of the status then, not of the
 * one at its date (docs/decisions/0164).
 */
export const statusAt = (t: Pick<HouseholdTimeline, 'statuses'>, date: string): Status | undefined => {
  let status: Status | undefined;
  for (const s of inLogOrder(t.statuses)) if (s[1] <= date) status = statusAfterChange(status ?? 'unregistered', s[2], s[4]);
  return status;
};

const concernOpenAt = (t: HouseholdTimeline, date: string): boolean => {
  for (const visit in t.concerns) {
    const [raised, resolved] = t.concerns[visit] as [string | null, string | null];
    if (raised !== null && raised <= date && !(resolved !== null && resolved <= date)) return true;
  }
  return false;
};

/**
 * The reference policy's baseline cutoff. Besides the baseline by month of first
 * identification (any cutoff at a month's end), the baseline of this cutoff is kept as one
 * counter a village (`ref.baseline`, `ref.baselineCleared`), so that the clearance report
 * under the reference policy reads two rows a village for it (docs/decisions/0054).
 */
export const REFERENCE_CUTOFF: string = referencePolicy.baselineCutoff;

/** A household's baseline stock keys, the same at every month: made once a contribution, not once a month. */
interface BaselineKeys {
  readonly baseline: string | undefined;
  readonly cleared: string | undefined;
  readonly inReference: boolean;
}

const baselineKeysOf = (firstIdentified: string | undefined): BaselineKeys => {
  // Baseline is a property of the household (its first identification, whenever that is), counted in every year it belongs to a village.
  const baseline = firstIdentified?.slice(0, 7);
  return {
    baseline: baseline === undefined ? undefined : `stock.baseline.${baseline}`,
    cleared: baseline === undefined ? undefined : `stock.baselineCleared.${baseline}`,
    inReference: firstIdentified !== undefined && firstIdentified <= REFERENCE_CUTOFF,
  };
};

/** The stock keys the household holds at the end of month index `i`. */
const stocksAt = (t: HouseholdTimeline, b: BaselineKeys, i: number): string[] => {
  const end = endOfMonthIndex(i);
  const status = statusAt(t, end);
  const keys: string[] = [];
  if (b.baseline !== undefined) keys.push(b.baseline);
  if (b.inReference) keys.push('ref.baseline');
  if (status === 'identified') keys.push('stock.identified');
  if (status === 'cleared') {
    if (concernOpenAt(t, end)) keys.push('stock.underReview');
    else if (b.cleared !== undefined) {
      keys.push(b.cleared);
      if (b.inReference) keys.push('ref.baselineCleared');
    }
  }
  return keys;
};

/**
 * The households behind each event count (decision 186): beside `month.<move>` and
 * `year.<count>`, counters under the prefix HOUSEHOLDS_PREFIX to which a household adds 1
 * in a month (a year's December) where it has one or more such events, in the village the
 * events count in. A period's events all count in one village (the one at its end,
 * decision 15), so a household is one in a single village a period and they add up the
 * division tree as the counts do. The prefix sorts apart from `month.` and `year.`, so the
 * reports that read those ranges never read these: only the analysts' suppression does.
 * Each key is [its index among the period's counts, its name], made once.
 */
export const HOUSEHOLDS_PREFIX = 'h.';
const EVENT_COUNTS = 8;
const householdKeys = (period: 'month' | 'year', counts: readonly string[]): Readonly<Record<string, readonly [number, string]>> =>
  Object.fromEntries(counts.map((c, k) => [c, [k, `${HOUSEHOLDS_PREFIX}${period}.${c}`] as const]));
const HOUSEHOLDS_OF_MOVE = householdKeys('month', ['identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered']);
const HOUSEHOLDS_IN_YEAR = householdKeys('year', Object.values(IN_YEAR));

/** Takes `n` more (fewer) of counter `key` in (village, month index): one household's part of a village's series. */
export type ContributionSink = (village: string, key: string, month: number, n: number) => void;

/**
 * Pure: what one household adds to the division counters, handed to `to` as deltas by
 * (village, key, month), each times `sign`. Stocks: +1 in the month the household enters
 * a (village, stock) at a month's end, −1 in the month it leaves. Monthly moves count in
 * the village at the end of their month, annual event counts in the village at the end
 * of their year (at its December): whole periods follow the household (docs/decisions/0015).
 * Baseline stocks are kept by the month of the first identification, so any cutoff at a
 * month's end can be applied at query time, and once more for the reference cutoff
 * (`ref.…`); a baseline household holds them from the start (FROM_THE_START), in its
 * first village before its first event. The same (village, key, month) may be handed
 * more than once: the counters sum what they are handed.
 */
export const contributionOf = (t: HouseholdTimeline, sign: 1 | -1, to: ContributionSink): void => {
  if (t.villages.length === 0) return;
  let firstIdentified: string | undefined;
  for (const s of t.statuses) if (s[2] === 'HouseholdIdentified' && (firstIdentified === undefined || s[1] < firstIdentified)) firstIdentified = s[1];

  const months: number[] = [];
  for (const v of t.villages) months.push(monthIndex(v[1]));
  for (const s of t.statuses) months.push(monthIndex(s[1]));
  for (const [raised, resolved] of Object.values(t.concerns)) {
    if (raised !== null) months.push(monthIndex(raised));
    if (resolved !== null) months.push(monthIndex(resolved));
  }
  months.sort((a, b) => a - b);
  // A baseline household counts in the baseline of every year, also years before its first event (in its first village then).
  const b = baselineKeysOf(firstIdentified);
  let heldVillage = villageAt(t, '') as string;
  let held: string[] = [];
  if (b.baseline !== undefined) held.push(b.baseline);
  if (b.inReference) held.push('ref.baseline');
  for (const key of held) to(heldVillage, key, FROM_THE_START, sign);
  // The stocks held at each month's end, one village at a time: those left taken back, those entered added.
  for (let k = 0; k < months.length; k++) {
    const m = months[k] as number;
    if (k > 0 && months[k - 1] === m) continue;
    const village = villageAt(t, endOfMonthIndex(m)) as string;
    const now = stocksAt(t, b, m);
    const moved = village !== heldVillage;
    for (const key of held) if (moved || !now.includes(key)) to(heldVillage, key, m, -sign);
    for (const key of now) if (moved || !held.includes(key)) to(village, key, m, sign);
    heldVillage = village;
    held = now;
  }

  // The (month, move) and (year, count) the household has events in, each once however many events (decision 186).
  const behind = new Set<number>();
  for (const [, on, type, from, to_] of t.statuses) {
    const m = monthIndex(on);
    const move = stockMove(type, from, to_);
    if (move) {
      const village = villageAt(t, endOfMonthIndex(m)) as string;
      to(village, `month.${move}`, m, sign);
      const h = m * EVENT_COUNTS + (HOUSEHOLDS_OF_MOVE[move] as readonly [number, string])[0];
      if (!behind.has(h)) {
        behind.add(h);
        to(village, (HOUSEHOLDS_OF_MOVE[move] as readonly [number, string])[1], m, sign);
      }
    }
    const inYear = IN_YEAR[type];
    if (inYear) {
      const december = Number(on.slice(0, 4)) * 12 + 11;
      const village = villageAt(t, endOfMonthIndex(december)) as string;
      to(village, `year.${inYear}`, december, sign);
      // Negative: apart from the months' (a December is a month index too).
      const h = -(december * EVENT_COUNTS + (HOUSEHOLDS_IN_YEAR[inYear] as readonly [number, string])[0]) - 1;
      if (!behind.has(h)) {
        behind.add(h);
        to(village, (HOUSEHOLDS_IN_YEAR[inYear] as readonly [number, string])[1], december, sign);
      }
    }
  }
};

/** The entries not from the event at `position`: the same array when there is none. */
const notAt = <E extends readonly [number, ...unknown[]]>(entries: E[], position: number): E[] => {
  for (const x of entries) if (x[0] === position) return entries.filter((y) => y[0] !== position);
  return entries;
};

/**
 * Pure: the timeline after event `e` (undefined when the event changes nothing the
 * counters read). Writing the same event twice changes nothing. Allocates only what it
 * returns: it runs for every status event of a catch-up, in two projections.
 */
export const timelineAfter = (t: HouseholdTimeline, e: ProjectedEvent): HouseholdTimeline | undefined => {
  const { event, position, occurredOn } = e;
  switch (event.type) {
    case 'EventCorrected': {
      // A correction can move a registration to another village; a status or a date cannot be corrected.
      const target = e.corrected;
      if (target?.event.type !== 'HouseholdRegistered') return undefined;
      const code = target.event.data.divisionCode;
      return { ...t, villages: t.villages.map((v) => (v[0] === target.position ? [v[0], v[1], code] : v)) };
    }
    case 'HouseholdTransferred':
      return { ...t, villages: [...notAt(t.villages, position), [position, occurredOn, event.data.to]] };
    case 'LaborConcernRaised':
      return { ...t, concerns: { ...t.concerns, [event.data.visitId]: [occurredOn, t.concerns[event.data.visitId]?.[1] ?? null] } };
    case 'LaborConcernResolved':
      return { ...t, concerns: { ...t.concerns, [event.data.visitId]: [t.concerns[event.data.visitId]?.[0] ?? null, occurredOn] } };
    default: {
      // The status before the event: the `to` of the latest change before it in log order; and the latest date of those.
      let from: Status = 'unregistered';
      let fromAt = -1;
      let latestOn: string | undefined;
      for (const s of t.statuses) {
        if (s[0] < position) {
          if (s[0] > fromAt) {
            fromAt = s[0];
            from = s[4];
          }
          if (latestOn === undefined || s[1] > latestOn) latestOn = s[1];
        }
      }
      const to = nextStatus(from, event);
      const registers = event.type === 'HouseholdRegistered';
      // A survey that left the status as it was only when dated before a change kept before it (decision 164).
      if (!keepsStatusEvent(event.type, from, to, occurredOn, latestOn)) return undefined;
      const villages = notAt(t.villages, position);
      const statuses = [...notAt(t.statuses, position), [position, occurredOn, event.type, from, to] as [number, string, string, Status, Status]];
      // Arrays are never changed in place: an unchanged one is shared with `t`.
      return { ...t, villages: registers ? [...villages, [position, occurredOn, event.data.divisionCode]] : villages, statuses };
    }
  }
};
