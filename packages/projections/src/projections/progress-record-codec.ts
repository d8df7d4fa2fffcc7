import type { Status } from '@hearth/domain';
import type { ActivityEntry, HouseholdProgress, MemberEntry } from './household-progress';

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
 * progress field prefixes); consecutive member facts or activity entries of one event
 * grouped under one position and date; a progress field as its prefix and its last
 * dot-separated part (`member.surveyed` + `m1`), so that a member's id is written once.
 */

/** Strings every record's table starts with. Changing this list changes the format: bump progress-counters' version. */
const SEEDED: readonly string[] = [
  'unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered',
  'HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied', 'ApplicationWithdrawn', 'ApplicationRejected',
  'HouseholdIdentified', 'HouseholdCleared', 'HouseholdRelapsed', 'HouseholdExempted', 'HouseholdWithdrew',
  'HouseholdDeregistered', 'none', 'partial', 'full', 'member.surveyed', 'member.referred', 'income', 'referralsMade',
  'referralsAccepted', 'referralsDeclined', 'trainingsOffered', 'trainingsAccepted', 'trainingsDeclined',
  'trainingsCompleted', 'employmentsStartedByForm', 'employmentsStartedByPlace', 'employmentsEndedByReason',
];

/** The first byte of every packed record: another layout must use another. */
const FORMAT = 1;

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

const SEEDED_INDEX: ReadonlyMap<string, number> = new Map(SEEDED.map((s, i) => [s, i]));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** YYYYMMDD of a `YYYY-MM-DD` date, else -1. */
const dateNumber = (d: string): number => {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = d.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
};

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
    if (splitFields.size >= 4096) splitFields.clear();
    splitFields.set(field, split);
  }
  return split;
};

const recordStrings = new Map<string, number>();

/** Grows as needed and is reused by every record (a record's bytes are copied out at the end). */
let scratch = Buffer.allocUnsafe(4096);

class Packer {
  private bytes = scratch;
  private at = 0;
  /** The record's own strings, numbered after SEEDED (one map for every record, emptied at each). */
  private readonly strings = recordStrings;

  constructor() {
    recordStrings.clear();
  }

  private room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const more = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(more, 0, 0, this.at);
    this.bytes = more;
    scratch = more;
  }

  /** A non-negative integer, seven bits a byte. */
  uint(n: number): void {
    if (this.at + 8 > this.bytes.length) this.room(8);
    if (n >= 0 && n < 128 && (n | 0) === n) {
      this.bytes[this.at++] = n;
      return;
    }
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`progress record: ${n} is not a packable integer`);
    while (n >= 128) {
      this.bytes[this.at++] = (n % 128) + 128;
      n = Math.floor(n / 128);
    }
    this.bytes[this.at++] = n;
  }

  int(n: number): void {
    this.uint(zigzag(n));
  }

  /** 0: null; 1 + zigzag(n) otherwise. */
  nullableInt(n: number | null): void {
    this.uint(n === null ? 0 : 1 + zigzag(n));
  }

  /** 0: null; 1: a new string, its UTF-8 length and bytes; 2 + i: the table's string i. */
  string(s: string | null): void {
    if (s === null) return this.uint(0);
    const known = SEEDED_INDEX.get(s) ?? this.strings.get(s);
    if (known !== undefined) return this.uint(2 + known);
    this.strings.set(s, SEEDED.length + this.strings.size);
    this.uint(1);
    if (s.length < 128) {
      // Ids, villages and field parts are ASCII: written a character a byte, without a call into Buffer's native code.
      this.room(s.length + 1);
      const start = this.at;
      this.bytes[this.at++] = s.length;
      let ascii = true;
      for (let i = 0; i < s.length && ascii; i++) {
        const c = s.charCodeAt(i);
        if (c < 128) this.bytes[this.at++] = c;
        else ascii = false;
      }
      if (ascii) return;
      this.at = start;
    }
    const n = Buffer.byteLength(s);
    this.uint(n);
    this.room(n);
    this.at += this.bytes.write(s, this.at, 'utf8');
  }

  /** 0: null; 1: as a string (not a YYYY-MM-DD date); 2 + zigzag(YYYYMMDD − the previous date's). */
  date(d: string | null, previous: { n: number }): void {
    if (d === null) return this.uint(0);
    const n = dateNumber(d);
    if (n < 0) {
      this.uint(1);
      return this.string(d);
    }
    this.uint(2 + zigzag(n - previous.n));
    previous.n = n;
  }

  done(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.at));
  }
}

class Unpacker {
  private at = 0;
  private readonly strings: string[] = [...SEEDED];

  constructor(private readonly bytes: Uint8Array) {}

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length) throw new Error('progress record: truncated');
      const b = this.bytes[this.at++] as number;
      n += (b % 128) * scale;
      if (b < 128) return n;
      scale *= 128;
    }
  }

  int(): number {
    return unzigzag(this.uint());
  }

  nullableInt(): number | null {
    const z = this.uint();
    return z === 0 ? null : unzigzag(z - 1);
  }

  string(): string | null {
    const tag = this.uint();
    if (tag === 0) return null;
    if (tag >= 2) {
      const s = this.strings[tag - 2];
      if (s === undefined) throw new Error('progress record: unknown string');
      return s;
    }
    const n = this.uint();
    if (this.at + n > this.bytes.length) throw new Error('progress record: truncated');
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.at, n).toString('utf8');
    this.at += n;
    this.strings.push(s);
    return s;
  }

  text(): string {
    const s = this.string();
    if (s === null) throw new Error('progress record: a string is missing');
    return s;
  }

  date(previous: { n: number }): string | null {
    const tag = this.uint();
    if (tag === 0) return null;
    if (tag === 1) return this.text();
    const n = previous.n + unzigzag(tag - 2);
    previous.n = n;
    const y = Math.floor(n / 10000);
    const md = n % 10000;
    return `${String(y).padStart(4, '0')}-${String(Math.floor(md / 100)).padStart(2, '0')}-${String(md % 100).padStart(2, '0')}`;
  }

  requiredDate(previous: { n: number }): string {
    const d = this.date(previous);
    if (d === null) throw new Error('progress record: a date is missing');
    return d;
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new Error('progress record: bytes after the end');
  }
}

/** How many entries from `from` share entry `from`'s position and second column (date or month). */
const runOf = <E extends readonly [number, unknown, ...unknown[]]>(entries: readonly E[], from: number): number => {
  const first = entries[from] as E;
  let n = 1;
  while (from + n < entries.length && (entries[from + n] as E)[0] === first[0] && (entries[from + n] as E)[1] === first[1]) n++;
  return n;
};

export const encodeProgress = (p: HouseholdProgress): Buffer => {
  const w = new Packer();
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
  let runs = 0;
  for (let i = 0; i < p.members.length; i += runOf(p.members, i)) runs++;
  w.uint(runs);
  for (let i = 0; i < p.members.length; ) {
    const n = runOf(p.members, i);
    const [pos, on] = p.members[i] as MemberEntry;
    at(pos);
    w.date(on, date);
    w.uint(n);
    for (let k = i; k < i + n; k++) {
      const [, , memberId, birthYear, capacity, willing, removed] = p.members[k] as MemberEntry;
      w.string(memberId);
      w.nullableInt(birthYear);
      w.string(capacity);
      w.nullableInt(willing);
      w.int(removed);
    }
    i += n;
  }
  runs = 0;
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

/** The record `encodeProgress` packed; throws on bytes it did not write. */
export const decodeProgress = (bytes: Uint8Array): HouseholdProgress => {
  const r = new Unpacker(bytes);
  if (r.uint() !== FORMAT) throw new Error('progress record: unknown format');
  let position = 0;
  const date = { n: 0 };
  const at = (): number => (position += r.int());
  const villages: [number, string, string][] = [];
  for (let n = r.uint(); n > 0; n--) villages.push([at(), r.requiredDate(date), r.text()]);
  const statuses: [number, string, string, Status, Status][] = [];
  for (let n = r.uint(); n > 0; n--) statuses.push([at(), r.requiredDate(date), r.text(), r.text() as Status, r.text() as Status]);
  const concerns: Record<string, [string | null, string | null]> = {};
  for (let n = r.uint(); n > 0; n--) {
    const visitId = r.text();
    // Defined, not assigned: any id (even `__proto__`) is an own key, as JSON.parse would make it.
    Object.defineProperty(concerns, visitId, { value: [r.date(date), r.date(date)], enumerable: true, writable: true, configurable: true });
  }
  const members: MemberEntry[] = [];
  for (let runs = r.uint(); runs > 0; runs--) {
    const pos = at();
    const on = r.requiredDate(date);
    for (let n = r.uint(); n > 0; n--) members.push([pos, on, r.text(), r.nullableInt(), r.string(), r.nullableInt(), r.int()]);
  }
  const activity: ActivityEntry[] = [];
  let month = 0;
  for (let runs = r.uint(); runs > 0; runs--) {
    const pos = at();
    month += r.int();
    for (let n = r.uint(); n > 0; n--) {
      const prefix = r.text();
      const last = r.string();
      activity.push([pos, month, last === null ? prefix : `${prefix}.${last}`]);
    }
  }
  r.end();
  return { t: { villages, statuses, concerns }, members, activity };
};
