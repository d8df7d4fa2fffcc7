import type { EventStore } from '@hearth/event-store';
import { compareStores, type StoreComparison } from './compare-stores';
import { copyLog, type CopyOptions, type CopyProgress } from './copy-log';

export interface MigrationOptions extends CopyOptions {
  readonly onCompareProgress?: (p: { streamsCompared: number; streams: number }) => void;
}

export interface MigrationSummary {
  readonly copy: CopyProgress;
  readonly comparison: StoreComparison;
}

/**
 * `hearth migrate` without the verify: copies the source's log onto the target (copyLog),
 * then compares both event for event (compareStores). Run again after an interruption, it
 * checks what the target holds and appends the rest.
 */
export const migrateLog = async (source: EventStore, target: EventStore, opts: MigrationOptions = {}): Promise<MigrationSummary> => {
  const { streams, ...copy } = await copyLog(source, target, opts);
  const comparison = await compareStores(source, target, streams, {
    ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
    ...(opts.onCompareProgress ? { onProgress: opts.onCompareProgress } : {}),
  });
  return { copy, comparison };
};
