import type { Status } from '@hearth/domain';
import type { BacklogActivityKind, BacklogEntry } from './backlog-activity';
import type { ActivityEntry, HouseholdProgress } from './household-progress';
import type { MemberEntry } from './member-facts';
import { fieldNamed } from '../reports/progress-fields';
import { Packer, seededStrings, Unpacker } from './packed-bytes';

/**
 * The stored form of a household's progress record (`agg_household_progress.progress`,
 * docs/decisions/0082): the same value as the record held in memory, packed into bytes
 * instead of JSON (~2.9 KB of JSON a household at 20,000 households, in an overflow page
 * of its own; packed, a few hundred bytes that fit in the table's leaf pages). The record
 * is decoded exactly: `decodeProgress(encodeProgress(p))` deep-equals `p`, order of
 * entries included.
 *
 * How: integers as variable-length zigzag numbers, each position, date and month as its
 * difference from the one before it in the same list (a household's events are close in
 * the log and in time); a date `YYYY-MM-DD` as the number YYYYMMDD (any other text is
 * kept as text); strings written once and then named by their index in the record's own
 * table of strings, which starts with `SEEDED` (statuses, event types, capacities and
 * progress field prefixes, backlog activity kinds); consecutive member facts, activity or
 * backlog entries of one event grouped under one position and date (or month); a
 * progress field as its prefix and its last dot-separated part (`member.surveyed` + `m1`),
 * so that a member's id is written once. The activity fields are packed last, so that a
 * reader of the rest stops before them (`decodeProgressHead`, decision 110).
 */

/** Strings every record's table starts with. Changing this list changes the format: bump progress-counters' version. */
const SEEDED: readonly string[] = [
  'unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered',
  'HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied', 'ApplicationWithdrawn', 'ApplicationRejected',
  'HouseholdIdentified', 'HouseholdCleared', 'HouseholdRelapsed', 'HouseholdExempted', 'HouseholdWithdrew',
  'HouseholdDeregistered', 'none', 'partial', 'full', 'member.surveyed', 'member.referred', 'income', 'referralsMade',
  'referralsAccepted', 'referralsDeclined', 'trainingsOffered', 'trainingsAccepted', 'trainingsDeclined',
  'trainingsCompleted', 'employmentsStartedByForm', 'employmentsStartedByPlace', 'employmentsEndedByReason',
  'household-surveyed', 'referral-made', 'employment-started', 'employment-ended', 'follow-up',
];

/** The first byte of every packed record: another layout must use another (2: the backlog's activity, decision 110). */
const FORMAT = 2;

const SEEDED_STRINGS = seededStrings(SEEDED);

/**
 * A progress field split at its last dot (the prefix, and the rest or null), kept for
 * the fields seen lately: the same few hundred fields recur in every household.
 */
const splitFields = new Map<string, readonly [string, string | null]>();
const splitField = (field: string): readonly [string, string | null] => {
  let split = splitFields.get(field);
  if (split === undefined) {
    const dot = field.lastIndexOf('.');
    split = dot < 0 ? [field, null] : [field.slice(0, dot), field.slice(dot + 1)];
    if (splitFields.size >= 65_536) splitFields.clear();
    splitFields.set(field, split);
  }
  return split;
};

/** How many entries from `from` share entry `from`'s position and second column (date or month). */
const runOf = <E extends readonly [number, unknown, ...unknown[]]>(entries: readonly E[], from: number): number => {
  const first = entries[from] as E;
  let n = 1;
  while (from + n < entries.length && (entries[from + n] as E)[0] === first[0] && (entries[from + n] as E)[1] === first[1]) n++;
  return n;
};

export const encodeProgress = (p: HouseholdProgress): Buffer => {
  const w = new Packer(SEEDED_STRINGS);
  w.uint(FORMAT);
  let position = 0;
  const date = { n: 0 };
  const at = (pos: number): void => {
    w.int(pos - position);
    position = pos;
  };
  w.uint(p.t.villages.length);
  for (const [pos, on, village] of p.t.villages) {
    at(pos);
    w.date(on, date);
    w.string(village);
  }
  w.uint(p.t.statuses.length);
  for (const [pos, on, type, from, to] of p.t.statuses) {
    at(pos);
    w.date(on, date);
    w.string(type);
    w.string(from);
    w.string(to);
  }
  const concerns = Object.entries(p.t.concerns);
  w.uint(concerns.length);
  for (const [visitId, [raised, resolved]] of concerns) {
    w.string(visitId);
    w.date(raised, date);
    w.date(resolved, date);
  }
  /** Entries in runs of one event (one position and date, written once a run), then each entry's own fields. */
  const datedRuns = <E extends readonly [number, string, ...unknown[]]>(entries: readonly E[], fields: (entry: E) => void): void => {
    let runs = 0;
    for (let i = 0; i < entries.length; i += runOf(entries, i)) runs++;
    w.uint(runs);
    for (let i = 0; i < entries.length; ) {
      const n = runOf(entries, i);
      const first = entries[i] as E;
      at(first[0]);
      w.date(first[1], date);
      w.uint(n);
      for (let k = i; k < i + n; k++) fields(entries[k] as E);
      i += n;
    }
  };
  datedRuns(p.members, ([, , memberId, birthYear, capacity, willing, removed]) => {
    w.string(memberId);
    w.nullableInt(birthYear);
    w.string(capacity);
    w.nullableInt(willing);
    w.int(removed);
  });
  datedRuns(p.backlog, ([, , kind, memberId, refId]) => {
    w.string(kind);
    w.string(memberId);
    w.string(refId);
  });
  let runs = 0;
  for (let i = 0; i < p.activity.length; i += runOf(p.activity, i)) runs++;
  w.uint(runs);
  let month = 0;
  for (let i = 0; i < p.activity.length; ) {
    const n = runOf(p.activity, i);
    const [pos, m] = p.activity[i] as ActivityEntry;
    at(pos);
    w.int(m - month);
    month = m;
    w.uint(n);
    for (let k = i; k < i + n; k++) {
      const [prefix, last] = splitField((p.activity[k] as ActivityEntry)[2]);
      w.string(prefix);
      w.string(last);
    }
    i += n;
  }
  return w.done();
};

/** What the reports read of a record: all but the progress fields of its activity, which only the progress counters read. */
export type ProgressHead = Omit<HouseholdProgress, 'activity'>;

/** A member fact's own fields after its run's position and date. */
const memberEntry = (r: Unpacker, pos: number, on: string): MemberEntry => [pos, on, r.text(), r.nullableInt(), r.string(), r.nullableInt(), r.int()];

/** A backlog entry's own fields after its run's position and date. */
const backlogEntry = (r: Unpacker, pos: number, on: string): BacklogEntry => [pos, on, r.text() as BacklogActivityKind, r.string(), r.string()];

/**
 * What `encodeProgress` packed, read in its order: the positions and dates each as a
 * difference from the one before. A class and functions made once rather than closures
 * made at each record: a backlog unpacks hundreds of thousands of records, and every
 * closure made costs (under tsx it is also named at run time).
 */
class RecordUnpacker {
  private position = 0;
  private readonly date = { n: 0 };

  constructor(private readonly r: Unpacker) {}

  private at(): number {
    return (this.position += this.r.int());
  }

  villages(): [number, string, string][] {
    const r = this.r;
    const out: [number, string, string][] = [];
    for (let n = r.uint(); n > 0; n--) out.push([this.at(), r.requiredDate(this.date), r.text()]);
    return out;
  }

  statuses(): [number, string, string, Status, Status][] {
    const r = this.r;
    const out: [number, string, string, Status, Status][] = [];
    for (let n = r.uint(); n > 0; n--) out.push([this.at(), r.requiredDate(this.date), r.text(), r.text() as Status, r.text() as Status]);
    return out;
  }

  concerns(): Record<string, [string | null, string | null]> {
    const r = this.r;
    const out: Record<string, [string | null, string | null]> = {};
    for (let n = r.uint(); n > 0; n--) {
      const visitId = r.text();
      // Defined, not assigned: any id (even `__proto__`) is an own key, as JSON.parse would make it.
      Object.defineProperty(out, visitId, { value: [r.date(this.date), r.date(this.date)], enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** What `encodeProgress`'s `datedRuns` packed: each entry made by `entry` from its run's position and date, then its own fields. */
  datedRuns<E>(entry: (r: Unpacker, pos: number, on: string) => E): E[] {
    const r = this.r;
    const out: E[] = [];
    for (let runs = r.uint(); runs > 0; runs--) {
      const pos = this.at();
      const on = r.requiredDate(this.date);
      for (let n = r.uint(); n > 0; n--) out.push(entry(r, pos, on));
    }
    return out;
  }

  activity(): ActivityEntry[] {
    const r = this.r;
    const out: ActivityEntry[] = [];
    let month = 0;
    for (let runs = r.uint(); runs > 0; runs--) {
      const pos = this.at();
      month += r.int();
      for (let n = r.uint(); n > 0; n--) {
        const prefix = r.text();
        const last = r.string();
        out.push([pos, month, last === null ? prefix : fieldNamed(prefix, last)]);
      }
    }
    return out;
  }
}

function unpack(bytes: Uint8Array, whole: true): HouseholdProgress;
function unpack(bytes: Uint8Array, whole: false): ProgressHead;
function unpack(bytes: Uint8Array, whole: boolean): HouseholdProgress | ProgressHead {
  const r = new Unpacker(bytes, SEEDED_STRINGS);
  if (r.uint() !== FORMAT) throw new Error('progress record: unknown format');
  const u = new RecordUnpacker(r);
  const villages = u.villages();
  const statuses = u.statuses();
  const concerns = u.concerns();
  const members = u.datedRuns(memberEntry);
  const backlog = u.datedRuns(backlogEntry);
  // The activity is packed last, so that a read of the rest stops before it (its strings are numbered after every other).
  if (!whole) return { t: { villages, statuses, concerns }, members, backlog };
  const activity = u.activity();
  r.end();
  return { t: { villages, statuses, concerns }, members, activity, backlog };
}

/** The record `encodeProgress` packed; throws on bytes it did not write. */
export const decodeProgress = (bytes: Uint8Array): HouseholdProgress => unpack(bytes, true);

/**
 * The record `encodeProgress` packed but its activity (the backlog and the progress
 * report's members read it, decision 110): the bytes up to the activity only, not checked
 * past them.
 */
export const decodeProgressHead = (bytes: Uint8Array): ProgressHead => unpack(bytes, false);
