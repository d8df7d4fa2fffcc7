import { EventStore, GENESIS_HASH, type RecordedEvent, sealEvents, StreamAppend } from '@hearth/event-store';
import { type ImportPart } from './import-part';
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
/**
 * A part's own checkpoints, when the file is imported in parts (docs/decisions/0172); the file's
 * stream then holds only the split (import-split.ts).
 */
export const importPartStream = (fileSha256: string, part: ImportPart): string => `${importStream(fileSha256)}-part-${part.index}-of-${part.count}`;
/** Where the checkpoints of a whole import, or of one part, are kept. */
export const importCheckpointStream = (fileSha256: string, part: ImportPart | undefined): string => (part ? importPartStream(fileSha256, part) : importStream(fileSha256));

export const IMPORT_PROGRESSED = 'ImportProgressed';

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

/** The checkpoints of the file, or of one part of it. A file's stream that records a split (and so no checkpoint) reads as none: the importer refuses it first. */
export const readImportCheckpoint = async (store: EventStore, fileSha256: string, part?: ImportPart): Promise<ImportCheckpoint> =>
  checkpointOfEvents(await store.readStream(importCheckpointStream(fileSha256, part)));

/** readImportCheckpoint of a stream already read. */
export const checkpointOfEvents = (stored: readonly RecordedEvent[]): ImportCheckpoint => {
  const events = stored.filter((e) => e.type === IMPORT_PROGRESSED);
  const last = events[events.length - 1];
  if (!last) return { throughLine: 0, version: -1, lastHash: GENESIS_HASH, rejected: [] };
  const rejected = events.flatMap((e) => (e.data as ImportProgressedData).rejected ?? []);
  return { throughLine: (last.data as ImportProgressedData).throughLine, version: last.streamVersion, lastHash: last.metadata.hash, rejected };
};

/** What every event the importer writes says of itself. */
export interface ImportEventMeta {
  eventId: string;
  recordedAt: string;
  actor: string;
  occurredOn: string;
  schemaVersion: number;
  /** The file as the operator named it: for messages only, never recorded (decision 205). */
  file: string;
}

/** `part`: the checkpoint is of that part's lines, in the part's own stream; its data names the part. */
export const checkpointAppend = (
  fileSha256: string,
  previous: ImportPosition,
  throughLine: number,
  rejected: readonly RejectedLine[],
  meta: ImportEventMeta,
  part?: ImportPart,
): { append: StreamAppend; next: ImportPosition } => {
  const [sealed] = sealEvents(previous.lastHash, [
    {
      eventId: meta.eventId,
      type: IMPORT_PROGRESSED,
      // No file name: the SHA-256 names the file, and a name is an operator's text that can hold a person's (decision 205).
      data: { sha256: fileSha256, ...(part ? { part: { index: part.index, count: part.count } } : {}), throughLine, rejected },
      metadata: { occurredOn: meta.occurredOn, recordedAt: meta.recordedAt, actor: meta.actor, schemaVersion: meta.schemaVersion },
    },
  ]);
  if (!sealed) throw new Error('sealEvents returned nothing');
  return {
    append: { streamId: importCheckpointStream(fileSha256, part), expectedVersion: previous.version, events: [sealed] },
    // Not the rejections so far: the import reads those once, at its start, and a list carried from batch to batch was
    // copied whole at each one (quadratic: ~186,000 rejections over ~18,900 batches at the full region).
    next: { throughLine, version: previous.version + 1, lastHash: sealed.metadata.hash },
  };
};
