import * as t from 'io-ts';
import { closed } from './codec/closed';
import { boundedArray } from './codec/primitives';
import { Successors, SuccessorsC } from './division-file';
import { Division, DivisionC } from './divisions';

/**
 * The most bytes (UTF-8 JSON of the event's data) one division-tree event holds. A tree
 * whose one `DivisionTreeRecorded` would be larger is recorded in parts of at most this
 * size, a quarter of a KurrentDB server's default append limit of 1 MiB (docs/decisions/0056).
 */
export const DIVISION_TREE_PART_BYTES = 256 * 1024;

const isPartNumber = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 1_000_000;
const PartNumberC = new t.Type<number, number, unknown>('PartNumber (an integer 1..1000000)', isPartNumber, (u, c) => (isPartNumber(u) ? t.success(u) : t.failure(u, c)), (a) => a);

/**
 * One part of a division tree too large for one event: part `part` of `parts`, holding a
 * run of the tree's divisions (in the file's order) and some of its successors. The parts
 * of one tree follow each other in the `divisions` stream; the tree is recorded, and in
 * force from its place in the log, with its last part.
 */
export const DivisionTreePartRecorded = t.type({
  type: t.literal('DivisionTreePartRecorded'),
  data: closed('DivisionTreePartRecorded.data', { part: PartNumberC, parts: PartNumberC, divisions: boundedArray(DivisionC, 1_000_000) }, { successors: SuccessorsC }),
});
export type DivisionTreePartRecorded = t.TypeOf<typeof DivisionTreePartRecorded>;
export type DivisionTreePart = DivisionTreePartRecorded['data'];

/** UTF-8 bytes of a string, without an encoder (the domain does no I/O and needs no platform API). */
export const utf8Length = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair is one four-byte character
      i++;
    } else n += 3;
  }
  return n;
};

/** Room kept in every part for `{"part":…,"parts":…,"divisions":[],"successors":{}}` around the items. */
const PART_FRAME_BYTES = 80;

/**
 * Splits a tree into parts whose data stays within `partBytes` (a part holds at least one
 * item, so only a single division larger than the budget could exceed it): divisions
 * first, in the order given, then the successors. The same tree and successors in the same
 * order always give the same parts, so an interrupted recording can be recognised and
 * finished.
 */
export const splitDivisionTree = (divisions: readonly Division[], successors: Successors, partBytes: number): DivisionTreePart[] => {
  const filled: { divisions: Division[]; successors: [string, string][] }[] = [];
  let current: { divisions: Division[]; successors: [string, string][] } = { divisions: [], successors: [] };
  let bytes = PART_FRAME_BYTES;
  const room = (size: number): void => {
    if (bytes + size <= partBytes || current.divisions.length + current.successors.length === 0) return;
    filled.push(current);
    current = { divisions: [], successors: [] };
    bytes = PART_FRAME_BYTES;
  };
  for (const d of divisions) {
    const size = utf8Length(JSON.stringify(d)) + 1;
    room(size);
    current.divisions.push(d);
    bytes += size;
  }
  for (const [from, to] of Object.entries(successors)) {
    const size = utf8Length(`${JSON.stringify(from)}:${JSON.stringify(to)}`) + 1;
    room(size);
    current.successors.push([from, to]);
    bytes += size;
  }
  filled.push(current);
  return filled.map((p, i) => ({
    part: i + 1,
    parts: filled.length,
    divisions: p.divisions,
    ...(p.successors.length > 0 ? { successors: Object.fromEntries(p.successors) } : {}),
  }));
};
