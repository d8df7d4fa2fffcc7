import { EventStore, GENESIS_HASH, sealEvents, StreamAppend } from '@hearth/event-store';
import { RejectedLine } from './rejected-line';

/**
 * Progress of importing one file (identified by its SHA-256), appended in the same
 * batch as the commands it covers. A rerun of the same file resumes after the last
 * committed line, so lines that were rejected are not decided again against a later
 * state: the rerun ends with exactly the events of an uninterrupted run. Each
 * checkpoint also keeps the lines rejected since the previous one, so that a rerun can
 * still report them (docs/decisions/0020-import-outcomes.md).
 */
export const IMPORT_STREAM_PREFIX = 'import-';
export const importStream = (fileSha256: string): string => `${IMPORT_STREAM_PREFIX}${fileSha256}`;

/** Where an import of a file stands: what the next checkpoint follows. */
export interface ImportPosition {
  readonly throughLine: number;
  readonly version: number;
  readonly lastHash: string;
}

/** The checkpoints stored for a file, read when an import starts. */
export interface ImportCheckpoint extends ImportPosition {
  /** Lines of the file rejected by the runs that wrote the checkpoints so far. */
  readonly rejected: readonly RejectedLine[];
}

interface ImportProgressedData {
  readonly throughLine: number;
  /** Absent in checkpoints written before rejections were kept. */
  readonly rejected?: readonly RejectedLine[];
}

export const readImportCheckpoint = async (store: EventStore, fileSha256: string): Promise<ImportCheckpoint> => {
  const events = await store.readStream(importStream(fileSha256));
  const last = events[events.length - 1];
  if (!last) return { throughLine: 0, version: -1, lastHash: GENESIS_HASH, rejected: [] };
  const rejected = events.flatMap((e) => (e.data as ImportProgressedData).rejected ?? []);
  return { throughLine: (last.data as ImportProgressedData).throughLine, version: last.streamVersion, lastHash: last.metadata.hash, rejected };
};

export const checkpointAppend = (
  fileSha256: string,
  previous: ImportPosition,
  throughLine: number,
  rejected: readonly RejectedLine[],
  meta: { eventId: string; recordedAt: string; actor: string; occurredOn: string; schemaVersion: number; file: string },
): { append: StreamAppend; next: ImportPosition } => {
  const [sealed] = sealEvents(previous.lastHash, [
    {
      eventId: meta.eventId,
      type: 'ImportProgressed',
      data: { file: meta.file, sha256: fileSha256, throughLine, rejected },
      metadata: { occurredOn: meta.occurredOn, recordedAt: meta.recordedAt, actor: meta.actor, schemaVersion: meta.schemaVersion },
    },
  ]);
  if (!sealed) throw new Error('sealEvents returned nothing');
  return {
    append: { streamId: importStream(fileSha256), expectedVersion: previous.version, events: [sealed] },
    // Not the rejections so far: the import reads those once, at its start, and a list carried from batch to batch was
    // copied whole at each one (quadratic: ~186,000 rejections over ~18,900 batches at the full region).
    next: { throughLine, version: previous.version + 1, lastHash: sealed.metadata.hash },
  };
};
