import { ANY, NO_STREAM, START, STREAM_EXISTS, type AppendStreamState, type Position } from '@kurrent/kurrentdb-client';
import type { ExpectedVersion } from '@hearth/event-store';

/** How the port's positions, versions and names map onto the server's. */

/**
 * The port's positions are numbers; EventStoreDB's are unsigned 64-bit byte offsets in
 * its transaction log. Above 2^53 - 1 (about 9 PB of log) a number cannot hold one
 * exactly, so the adapter refuses rather than return a rounded, possibly repeated value.
 */
export const toPortPosition = (commit: bigint): number => {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB position ${commit} does not fit the port's numeric positions (limit 2^53 - 1)`);
  }
  return Number(commit);
};

export const toEsdbPosition = (after: number): Position | typeof START => (after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START);

export const toStreamState = (expected: ExpectedVersion): AppendStreamState => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
};

export const isSystem = (streamId: string, type: string): boolean => streamId.startsWith('$') || type.startsWith('$');

/** Escapes a literal for the server's (.NET) regex engine; the subset used here means the same in JS. */
export const escapeRegex = (literal: string): string => literal.replace(/[\\^$.|?*+()[\]{}#\s-]/g, (c) => `\\${c}`);
