import type { ReadAllOptions, ReadStreamOptions } from './event-store';

/** Read options with their defaults applied and checked, shared by the adapters. */
export interface NormalisedStreamRead {
  fromVersion: number;
  maxCount: number;
}

export interface NormalisedAllRead {
  after: number;
  maxCount: number;
  types: readonly string[] | undefined;
}

export const normaliseStreamRead = (opts: ReadStreamOptions = {}): NormalisedStreamRead => ({
  fromVersion: nonNegativeInteger('fromVersion', opts.fromVersion ?? 0),
  maxCount: opts.maxCount === undefined ? Infinity : nonNegativeInteger('maxCount', opts.maxCount),
});

export const normaliseAllRead = (opts: ReadAllOptions = {}): NormalisedAllRead => ({
  after: nonNegativeInteger('after', opts.after ?? 0),
  maxCount: opts.maxCount === undefined ? Infinity : nonNegativeInteger('maxCount', opts.maxCount),
  types: opts.types,
});

const nonNegativeInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
};
