import { type EventStore, GENESIS_HASH, isWrongExpectedVersionError, type RecordedEvent, sealEvents } from '@hearth/event-store';
import { IMPORT_PROGRESSED, type ImportEventMeta, importStream } from './import-checkpoint';
import { type ImportPart, PART_RULE } from './import-part';

/**
 * A file imported in parts (docs/decisions/0172) says so in its own stream, once, before any
 * part writes a checkpoint: `ImportSplit` {sha256, parts, rule} (no file name: decision 205). Each part keeps its
 * checkpoints in a stream of its own. A rerun must cut the file the same way, or a line one
 * run rejected would be decided again, against a later state, by a part that never saw it
 * (decisions 4 and 20: a rerun ends with the events of an uninterrupted run); so a file
 * begun whole is refused in parts, and one begun in parts is refused whole or in another
 * number of parts.
 */
export const IMPORT_SPLIT = 'ImportSplit';

interface ImportSplitData {
  readonly parts: number;
  readonly rule: string;
}

/** How a file's import was begun, as its stream tells: nothing yet, whole, or in `parts` parts cut by `rule`. */
export type ImportShape = { kind: 'new' } | { kind: 'whole' } | { kind: 'split'; parts: number; rule: string };

export const importShapeOf = (events: readonly RecordedEvent[]): ImportShape => {
  const first = events[0];
  if (first === undefined) return { kind: 'new' };
  if (first.type === IMPORT_SPLIT) {
    const { parts, rule } = first.data as ImportSplitData;
    return { kind: 'split', parts, rule };
  }
  if (first.type === IMPORT_PROGRESSED) return { kind: 'whole' };
  throw new Error(`the import stream of this file begins with an event of type ${first.type}, which no import writes`);
};

const describeShape = (shape: ImportShape): string =>
  shape.kind === 'split' ? (shape.rule === PART_RULE ? `in ${shape.parts} parts (--workers ${shape.parts})` : `in ${shape.parts} parts cut by a rule this version does not know (${shape.rule})`) : 'as one import (no --workers)';

/** A run asked to import a file in another shape than its import was begun in: nothing was read or recorded. */
export class ImportSplitMismatchError extends Error {
  constructor(
    readonly source: string,
    readonly begun: ImportShape,
    readonly asked: ImportShape,
  ) {
    super(
      `${source}: its import was begun ${describeShape(begun)}; run it again the same way. Another way would decide ` +
        `the lines an earlier run rejected again, against a later state (docs/decisions/0172)`,
    );
    this.name = 'ImportSplitMismatchError';
  }
}

/** A whole import's check: the file's stream records no split. */
export const refuseSplit = (events: readonly RecordedEvent[], source: string): void => {
  const shape = importShapeOf(events);
  if (shape.kind === 'split') throw new ImportSplitMismatchError(source, shape, { kind: 'whole' });
};

/**
 * A part's claim on the file: the split recorded by the first part to start, the same split
 * found by the others and by reruns. A file begun whole, or in another split, is refused.
 */
export const claimSplit = async (store: EventStore, fileSha256: string, part: ImportPart, meta: ImportEventMeta): Promise<void> => {
  const asked: ImportShape = { kind: 'split', parts: part.count, rule: PART_RULE };
  const stream = importStream(fileSha256);
  // Twice: a part that loses the race to record the split reads what the winner recorded.
  for (let attempt = 1; ; attempt++) {
    const shape = importShapeOf(await store.readStream(stream));
    if (shape.kind === 'split' && shape.parts === part.count && shape.rule === PART_RULE) return;
    if (shape.kind !== 'new') throw new ImportSplitMismatchError(meta.file, shape, asked);
    const [sealed] = sealEvents(GENESIS_HASH, [
      {
        eventId: meta.eventId,
        type: IMPORT_SPLIT,
        data: { sha256: fileSha256, parts: part.count, rule: PART_RULE },
        metadata: { occurredOn: meta.occurredOn, recordedAt: meta.recordedAt, actor: meta.actor, schemaVersion: meta.schemaVersion },
      },
    ]);
    if (!sealed) throw new Error('sealEvents returned nothing');
    try {
      await store.appendToStream(stream, [sealed], -1);
      return;
    } catch (e) {
      if (!isWrongExpectedVersionError(e) || attempt >= 2) throw e;
    }
  }
};
