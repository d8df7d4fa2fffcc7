import { DamagedEventError } from './damaged-event-error';
import { metadataProblem, type EventMetadata, type RecordedEvent } from './envelope';
import type { StoredStream } from './event-store';
import { ROW, type EventRow } from './sqlite-queries';

/** A stored column parsed; a DamagedEventError naming the row when it is not JSON. */
export const parse = (row: EventRow, column: 'data' | 'metadata'): unknown => {
  try {
    return JSON.parse(row[ROW[column]]) as unknown;
  } catch {
    throw new DamagedEventError(row[ROW.position], row[ROW.streamId], `its ${column} is not JSON`);
  }
};

/**
 * The one place a stored row becomes an event. A row the adapter could never have
 * written (text that is not JSON, an envelope without its fields) throws a
 * DamagedEventError naming its position, never a bare SyntaxError.
 */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  const data = parse(row, 'data');
  const metadata = parse(row, 'metadata');
  const problem = metadataProblem(metadata);
  if (problem !== undefined) throw new DamagedEventError(row[ROW.position], row[ROW.streamId], problem);
  return {
    eventId: row[ROW.eventId],
    type: row[ROW.type],
    data,
    metadata: metadata as EventMetadata,
    streamId: row[ROW.streamId],
    streamVersion: row[ROW.version],
    position: row[ROW.position],
  };
};

/**
 * A stream's rows as its events and the text each one is stored as (EventStore.storedText).
 * A column that is not text (a BLOB put there behind the ledger's back, which better-sqlite3
 * reads as a Buffer and `JSON.parse` still reads) is handed on as '', which no sealed layout
 * matches, so the chain check hashes that event's values.
 */
export const toStoredStream = (rows: readonly EventRow[]): StoredStream => {
  const events: RecordedEvent[] = [];
  const dataJson: string[] = [];
  const metadataJson: string[] = [];
  for (const row of rows) {
    events.push(toRecordedEvent(row));
    const data = row[ROW.data];
    const metadata = row[ROW.metadata];
    dataJson.push(typeof data === 'string' ? data : '');
    metadataJson.push(typeof metadata === 'string' ? metadata : '');
  }
  return { events, texts: { dataJson, metadataJson } };
};
