import type { EventStore } from '@hearth/event-store';

/**
 * What a batch that failed on a store without atomic batches left behind
 * (docs/decisions/0049-truthful-batches.md): such a store writes the batch's appends one
 * after the other, so the lines whose events were stored before the failure stay stored.
 */
export interface PartialBatch {
  /** The lines of the failed batch, first and last. */
  readonly fromLine: number;
  readonly throughLine: number;
  /** Accepted lines of the batch whose events are in the store, in line order. */
  readonly storedLines: readonly number[];
  /** Accepted lines of the batch whose events are not, in line order. */
  readonly notStoredLines: readonly number[];
  /** Set when the store could not be read back: then neither list is known (both empty). */
  readonly unknown?: string;
  /**
   * Set when the lists are known but the checkpoint could not be moved to the line before the
   * first one not stored (why): the batch's lines are then recorded by no checkpoint, and a
   * rerun decides them again (docs/decisions/0049).
   */
  readonly checkpointFailed?: string;
}

/** An accepted line of the batch: the stream it was to append to and the commandId its events carry. */
export interface AcceptedLine {
  readonly line: number;
  readonly streamId: string;
  readonly commandId: string;
}

/**
 * Which accepted lines of a failed batch are in the store. A line's commandId is its own
 * (the importer gives every line one) and was not on its stream before the batch (else the
 * line would have been "unchanged"), so finding it there means the batch stored it.
 */
export const findStoredLines = async (
  store: EventStore,
  accepted: readonly AcceptedLine[],
  concurrency = 16,
): Promise<{ stored: number[]; notStored: number[] }> => {
  const streams = [...new Set(accepted.map((a) => a.streamId))];
  const commandIds = new Map<string, Set<string>>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < streams.length) {
      const streamId = streams[next++] as string;
      const events = await store.readStream(streamId);
      commandIds.set(streamId, new Set(events.flatMap((e) => (e.metadata.commandId === undefined ? [] : [e.metadata.commandId]))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, streams.length) }, worker));
  const stored: number[] = [];
  const notStored: number[] = [];
  for (const a of accepted) (commandIds.get(a.streamId)?.has(a.commandId) ? stored : notStored).push(a.line);
  return { stored, notStored };
};
