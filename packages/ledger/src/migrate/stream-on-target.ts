import type { EventStore } from '@hearth/event-store';
import { eventDifference } from './event-difference';
import { MigrationDifferenceError } from './migration-difference-error';

/**
 * The version up to which the target already holds `streamId`, after checking those
 * events one for one against the source's (-1 when the target does not have the stream).
 * A rerun appends only what comes after it; a difference stops the migration, naming the
 * stream and version, before anything is written to that stream.
 */
export const checkedTargetVersion = async (source: EventStore, target: EventStore, streamId: string): Promise<number> => {
  const onTarget = await target.readStream(streamId);
  if (onTarget.length === 0) return -1;
  const onSource = await source.readStream(streamId, { maxCount: onTarget.length });
  onTarget.forEach((event, version) => {
    const original = onSource[version];
    if (original === undefined)
      throw new MigrationDifferenceError(streamId, version, `the target holds ${onTarget.length} events of the stream, the source only ${onSource.length}`);
    const difference = eventDifference(original, event);
    if (difference !== undefined) throw new MigrationDifferenceError(streamId, version, difference);
  });
  return onTarget.length - 1;
};
