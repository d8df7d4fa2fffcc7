import { EventStore, GENESIS_HASH, RecordedEvent, sealEvents, StreamAppend } from '@hearth/event-store';

/**
 * Progress of importing one file (identified by its SHA-256), appended in the same
 * batch as the commands it covers. A rerun of the same file resumes after the last
 * committed line, so lines that were rejected are not decided again against a later
 * state: the rerun ends with exactly the events of an uninterrupted run.
 */
export const IMPORT_STREAM_PREFIX = 'import-';
export const importStream = (fileSha256: string): string => `${IMPORT_STREAM_PREFIX}${fileSha256}`;

export interface ImportCheckpoint {
  readonly throughLine: number;
  readonly version: number;
  readonly lastHash: string;
}

export const readImportCheckpoint = async (store: EventStore, fileSha256: string): Promise<ImportCheckpoint> => {
  const events = await store.readStream(importStream(fileSha256));
  const last: RecordedEvent | undefined = events[events.length - 1];
  return last
    ? { throughLine: (last.data as { throughLine: number }).throughLine, version: last.streamVersion, lastHash: last.metadata.hash }
    : { throughLine: 0, version: -1, lastHash: GENESIS_HASH };
};

export const checkpointAppend = (
  fileSha256: string,
  previous: ImportCheckpoint,
  throughLine: number,
  meta: { eventId: string; recordedAt: string; actor: string; occurredOn: string; schemaVersion: number; file: string },
): { append: StreamAppend; next: ImportCheckpoint } => {
  const [sealed] = sealEvents(previous.lastHash, [
    {
      eventId: meta.eventId,
      type: 'ImportProgressed',
      data: { file: meta.file, sha256: fileSha256, throughLine },
      metadata: { occurredOn: meta.occurredOn, recordedAt: meta.recordedAt, actor: meta.actor, schemaVersion: meta.schemaVersion },
    },
  ]);
  if (!sealed) throw new Error('sealEvents returned nothing');
  return {
    append: { streamId: importStream(fileSha256), expectedVersion: previous.version, events: [sealed] },
    next: { throughLine, version: previous.version + 1, lastHash: sealed.metadata.hash },
  };
};
