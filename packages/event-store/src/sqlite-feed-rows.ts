import { isBusinessDate } from '@hearth/domain';
import { DamagedEventError } from './damaged-event-error';
import { occurredOnProblem } from './envelope';
import { feedEvent, type FeedEvent } from './feed-event';
import { parse } from './sqlite-event-row';
import { ROW, type EventRow } from './sqlite-queries';

/**
 * A row of the feed's statements (sqlite-queries.ts `readFeed`), in better-sqlite3's raw
 * mode (an array: no object with named keys built per row): position, stream id, version,
 * event id, type, data, and the metadata when SQLite finds it JSON (`json_valid`), else null.
 */
export type FeedRow = [position: number, streamId: string, version: number, eventId: string, type: string, data: string, metadata: string | null];

const NAME = '"occurredOn"';
const KEY = `${NAME}:"`;
const LEFT_BRACE = 0x7b;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = '\\';

/**
 * `occurredOn` read off metadata text that SQLite found to be JSON, without parsing the
 * rest of it (the hashes, the actor: more than half of a stored event's bytes, and every
 * string of it garbage at once); undefined when the text is not of the plain shape the
 * ledger writes, for the caller to parse it whole. In valid JSON text, `"occurredOn":"`
 * right after a `{` or a `,` opens a key (inside a string a quote is escaped, and a
 * string's closing quote is never followed by a letter); with no `{` but the first, every
 * key is at the top; when `"occurredOn"` stands nowhere else in the text (not even with
 * white space before its colon, `"occurredOn" :`), no other key is `occurredOn` spelled
 * literally, so this is the value `JSON.parse` keeps; ten characters then a quote hold no
 * escape, so they are the value's text. All of that holds only for text without a
 * backslash: an escape can spell a key (`"\u006fccurredOn"`) that `JSON.parse` reads as a
 * second `occurredOn` and keeps, so text with one is parsed whole. Otherwise the reports
 * would date an event by one value while `verify`, the hash and the history read another
 * (decision 201).
 */
export const occurredOnOf = (metadata: string): string | undefined => {
  // The first "occurredOn" of the text, which must be the key read: `{"occurredOn" :"A","occurredOn":"B"}` holds two.
  const at = metadata.indexOf(NAME);
  if (at <= 0 || metadata.charCodeAt(0) !== LEFT_BRACE || !metadata.startsWith(KEY, at) || metadata.indexOf(BACKSLASH) >= 0) return undefined;
  const before = metadata.charCodeAt(at - 1);
  if (before !== LEFT_BRACE && before !== COMMA) return undefined;
  const start = at + KEY.length;
  if (metadata.charCodeAt(start + 10) !== QUOTE || metadata.indexOf('{', 1) >= 0 || metadata.indexOf(NAME, start) >= 0) return undefined;
  const occurredOn = metadata.slice(start, start + 10);
  return isBusinessDate(occurredOn) ? occurredOn : undefined;
};

/**
 * A whole row as a feed event, both columns parsed: what the feed does with a row its
 * quick reading leaves (metadata that is not JSON or not of the plain shape, data that is
 * not JSON). A row that is damaged throws a DamagedEventError naming its position, in
 * `readAll`'s words where it has them.
 */
export const feedEventOfRow = (row: EventRow): FeedEvent => {
  const data = parse(row, 'data');
  const metadata = parse(row, 'metadata');
  const problem = occurredOnProblem(metadata);
  if (problem !== undefined) throw new DamagedEventError(row[ROW.position], row[ROW.streamId], problem);
  return feedEvent(row[ROW.position], row[ROW.streamId], row[ROW.version], row[ROW.eventId], row[ROW.type], data, (metadata as { occurredOn: string }).occurredOn);
};

/**
 * A page of feed rows as feed events. `rowAt` reads one row whole, for `feedEventOfRow`;
 * a row gone meanwhile (removed by another connection between the two reads) is reported
 * as damaged rather than skipped.
 */
export const toFeedEvents = (rows: readonly FeedRow[], rowAt: (position: number) => EventRow | undefined): FeedEvent[] => {
  const events: FeedEvent[] = [];
  for (const row of rows) {
    // By index rather than destructured: no iterator a row.
    const position = row[ROW.position];
    const metadata = row[ROW.metadata];
    const occurredOn = metadata === null ? undefined : occurredOnOf(metadata);
    let data: unknown;
    try {
      data = occurredOn === undefined ? undefined : JSON.parse(row[ROW.data]);
    } catch {
      data = undefined;
    }
    if (occurredOn !== undefined && data !== undefined) {
      events.push({ position, streamId: row[ROW.streamId], streamVersion: row[ROW.version], eventId: row[ROW.eventId], type: row[ROW.type], data, occurredOn });
      continue;
    }
    const streamId = row[ROW.streamId];
    const whole = rowAt(position);
    if (whole === undefined) throw new DamagedEventError(position, streamId, 'it was removed while it was read');
    events.push(feedEventOfRow(whole));
  }
  return events;
};
