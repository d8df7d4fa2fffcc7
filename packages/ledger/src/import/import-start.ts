import type { EventStore } from '@hearth/event-store';
import { FileChangedError, type FileFingerprint, fingerprintFile, VerifiedReread } from './file-fingerprint';
import { checkpointOfEvents, type ImportCheckpoint, type ImportEventMeta, importStream, readImportCheckpoint } from './import-checkpoint';
import type { ImportPart } from './import-part';
import { claimSplit, refuseSplit } from './import-split';
import { ImportStoppedError } from './import-stopped-error';
import type { ImportSummary } from './importer';

/** Where an import begins: the file's fingerprint and its verified second read, and the checkpoints it resumes after. */
export interface ImportStart {
  readonly fingerprint?: FileFingerprint;
  /** The lines are read again, each chunk checked against the bytes the checkpoints' key hashed (decision 150). */
  readonly reread?: VerifiedReread;
  /** The file's checkpoints, or its part's; none for standard input. */
  readonly stored?: ImportCheckpoint;
}

/** The summary of an import that has read no line yet. */
export const nothingYet = (): ImportSummary => ({ accepted: 0, unchanged: 0, rejected: [], skipped: 0, resumedAfterLine: 0, earlierRejected: [] });

/**
 * The file hashed (a file changing as it is hashed stops the import before anything is
 * recorded), then its checkpoints read: a whole import's from the file's stream, which must
 * record no split; a part's from its own stream, once the part has claimed the split
 * (import-split.ts, decision 172). Standard input has neither. `handed`: the fingerprint
 * another process took of the file (fingerprint-handoff.ts), not taken again.
 */
export const beginImport = async (store: EventStore, source: string, part: ImportPart | undefined, meta: () => ImportEventMeta, handed?: FileFingerprint): Promise<ImportStart> => {
  if (source === '-') {
    if (part) throw new RangeError("a part of a split import reads a file, not standard input: its checkpoints are kept under the file's SHA-256");
    return {};
  }
  let fingerprint: FileFingerprint;
  try {
    // Handed over by the process that started this one (fingerprint-handoff.ts): checked as the file is read again, as one taken here is.
    fingerprint = handed ?? (await fingerprintFile(source));
  } catch (e) {
    if (e instanceof FileChangedError) throw new ImportStoppedError(nothingYet(), 0, 'file-changed', e, undefined, source);
    throw e;
  }
  const reread = new VerifiedReread(source, fingerprint);
  if (part) {
    await claimSplit(store, fingerprint.sha256, part, meta());
    return { fingerprint, reread, stored: await readImportCheckpoint(store, fingerprint.sha256, part) };
  }
  const events = await store.readStream(importStream(fingerprint.sha256));
  refuseSplit(events, source);
  return { fingerprint, reread, stored: checkpointOfEvents(events) };
};
