/**
 * A cumulative monthly series: the value at month index i (year × 12 + month − 1) is the
 * sum of every delta added at a month ≤ i. Stocks (households in a status at a month's
 * end) are sums of +1 on entering and −1 on leaving; flows (events in a month) are read
 * as the difference of two months. Stored as `base` (the first month index held) and
 * Int32 values from there: before `base` the value is 0, after the last entry it is the
 * last entry. The form is canonical (no leading zero, no trailing repeat), so equal
 * series are equal rows whatever the order the deltas came in.
 */
export interface Series {
  readonly base: number;
  readonly values: Int32Array;
}

const digit = (date: string, k: number): number => {
  const c = date.charCodeAt(k) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** The month index of a `YYYY-MM…` date, read digit by digit (the counters take several an event; slices made garbage). */
export const monthIndex = (date: string): number => {
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  return Number.isNaN(year + month) ? Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 : year * 12 + month - 1;
};

/** Month ends made so far, by month index: a few hundred, asked for several times a household in every catch-up. */
const monthEnds = new Map<number, string>();

/** The last business date of a month index, as a string that compares correctly with any date of that month. */
export const endOfMonthIndex = (i: number): string => {
  let end = monthEnds.get(i);
  if (end === undefined) {
    end = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-31`;
    if (monthEnds.size < 65_536) monthEnds.set(i, end);
  }
  return end;
};

export const valueAt = (s: Series, i: number): number => {
  if (i < s.base || s.values.length === 0) return 0;
  const k = Math.min(i - s.base, s.values.length - 1);
  return s.values[k] as number;
};

/** Adds `delta` from month `i` onwards; returns the canonical series (empty values: zero everywhere). */
export const addFrom = (s: Series | undefined, i: number, delta: number): Series => {
  const base = s === undefined || s.values.length === 0 ? i : Math.min(s.base, i);
  const oldEnd = s === undefined ? base : s.base + s.values.length;
  const end = Math.max(oldEnd, i + 1);
  const values = new Int32Array(end - base);
  for (let k = base; k < end; k++) values[k - base] = (s ? valueAt(s, k) : 0) + (k >= i ? delta : 0);
  return canonical({ base, values });
};

/**
 * Adds each [month, delta] from its month onwards, in one pass: the same series as adding
 * them one at a time with addFrom (a canonical series is a function of its values).
 * Returns `s` itself when the deltas add nothing.
 */
export const addDeltas = (s: Series | undefined, deltas: Iterable<readonly [number, number]>): Series | undefined => {
  const moves = [...deltas].filter(([, d]) => d !== 0).sort((a, b) => a[0] - b[0]);
  if (moves.length === 0) return s;
  const held = s !== undefined && s.values.length > 0 ? s : undefined;
  const first = (moves[0] as readonly [number, number])[0];
  const base = held ? Math.min(held.base, first) : first;
  const end = Math.max(held ? held.base + held.values.length : base, (moves[moves.length - 1] as readonly [number, number])[0] + 1);
  const values = new Int32Array(end - base);
  let added = 0;
  let next = 0;
  for (let k = base; k < end; k++) {
    for (; next < moves.length && (moves[next] as readonly [number, number])[0] <= k; next++) added += (moves[next] as readonly [number, number])[1];
    values[k - base] = (held ? valueAt(held, k) : 0) + added;
  }
  return canonical({ base, values });
};

/**
 * The canonical series whose value at every month is the sum of the given series' values
 * there: the row adding each series' deltas one at a time would leave (a canonical series
 * is a function of its values).
 */
export const sumOf = (list: readonly Series[]): Series => {
  const held = list.filter((s) => s.values.length > 0);
  if (held.length === 0) return { base: 0, values: new Int32Array(0) };
  let base = Infinity;
  let end = -Infinity;
  for (const s of held) {
    base = Math.min(base, s.base);
    end = Math.max(end, s.base + s.values.length);
  }
  const values = new Int32Array(end - base);
  for (const s of held) {
    const n = s.values.length;
    for (let k = 0; k < n; k++) values[s.base + k - base] = (values[s.base + k - base] as number) + (s.values[k] as number);
    // After its last entry a series keeps its last value.
    const last = s.values[n - 1] as number;
    if (last !== 0) for (let i = s.base + n; i < end; i++) values[i - base] = (values[i - base] as number) + last;
  }
  return canonical({ base, values });
};

const canonical = (s: Series): Series => {
  let from = 0;
  while (from < s.values.length && s.values[from] === 0) from++;
  let to = s.values.length;
  while (to - 1 > from && s.values[to - 1] === s.values[to - 2]) to--;
  return { base: s.base + from, values: s.values.slice(from, to) };
};

export const isZero = (s: Series): boolean => s.values.length === 0;

/** Whether this machine holds an Int32Array's values little-endian, as the blobs are: then they are copied as bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1;

export const toBlob = (s: Series): Buffer => {
  if (LITTLE_ENDIAN) return Buffer.from(s.values.buffer.slice(s.values.byteOffset, s.values.byteOffset + s.values.byteLength));
  const b = Buffer.alloc(s.values.length * 4);
  for (let k = 0; k < s.values.length; k++) b.writeInt32LE(s.values[k] as number, k * 4);
  return b;
};

export const fromBlob = (base: number, blob: Buffer): Series => {
  const values = new Int32Array(blob.byteLength / 4);
  if (LITTLE_ENDIAN) new Uint8Array(values.buffer).set(blob);
  else for (let k = 0; k < values.length; k++) values[k] = blob.readInt32LE(k * 4);
  return { base, values };
};
