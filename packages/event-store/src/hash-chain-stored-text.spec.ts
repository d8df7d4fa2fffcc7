import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json-or-throw';
import type { RecordedEvent } from './envelope';
import type { StoredTexts } from './event-store';
import { checkLinks, GENESIS_HASH, sealEvents } from './hash-chain';
import { storedText } from './sealed-text';
import { testEvents } from './testing/event-factory';
import { propertyRuns } from '@hearth/domain/testing';

/** A stream as a store keeps it: the text of each event's data and metadata, and its id and type columns. */
interface Row {
  eventId: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

const rowsOf = (count: number, data: (n: number) => unknown = (n) => ({ n })): Row[] =>
  sealEvents(GENESIS_HASH, testEvents(count).map((e, n) => ({ ...e, data: data(n), metadata: { ...e.metadata, note: 'n', commandId: `c-${n}` } }))).map((e) => ({ eventId: e.eventId, type: e.type, ...storedText(e) }));

/** The rows read back, as an adapter reads them: each text parsed. */
const read = (rows: readonly Row[]): { events: RecordedEvent[]; texts: StoredTexts } => ({
  events: rows.map((r, i) => ({ eventId: r.eventId, type: r.type, data: JSON.parse(r.dataJson) as unknown, metadata: JSON.parse(r.metadataJson) as RecordedEvent['metadata'], streamId: 's', streamVersion: i, position: 1 + i })),
  texts: { dataJson: rows.map((r) => r.dataJson), metadataJson: rows.map((r) => r.metadataJson) },
});

/** checkLinks on the stored text and on the values alone. */
const bothWays = (rows: readonly Row[]) => {
  const { events, texts } = read(rows);
  return { stored: checkLinks(events, GENESIS_HASH, texts), values: checkLinks(events) };
};

/** The same values as other text: the members of an object in reverse order, anything else after a space. */
const rewritten = (json: string): string => {
  const v = JSON.parse(json) as unknown;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(Object.fromEntries(Object.entries(v).reverse())) : ` ${json}`;
};

const edits = ['none', 'data', 'data rewritten', 'metadata rewritten', 'eventId', 'type', 'note', 'recordedAt', 'hashFormat', 'prevHash', 'hash', 'metadata legacy'] as const;
type Edit = (typeof edits)[number];

/** One edit of a stored row, as a hand on the database would make it (no hash recomputed). */
const edited = (row: Row, edit: Edit, other: unknown): Row => {
  const m = JSON.parse(row.metadataJson) as Record<string, unknown>;
  const withMetadata = (changes: Record<string, unknown>): Row => ({ ...row, metadataJson: JSON.stringify({ ...m, ...changes }) });
  switch (edit) {
    case 'none':
      return row;
    case 'data':
      return { ...row, dataJson: JSON.stringify(other) };
    case 'data rewritten':
      return { ...row, dataJson: rewritten(row.dataJson) };
    case 'metadata rewritten':
      return { ...row, metadataJson: rewritten(row.metadataJson) };
    case 'eventId':
    case 'type':
      return { ...row, [edit]: `${row[edit]}!` };
    case 'note':
    case 'recordedAt':
      return withMetadata({ [edit]: `${String(m[edit])}!` });
    case 'hashFormat':
      return withMetadata({ hashFormat: 1 });
    case 'prevHash':
    case 'hash':
      return withMetadata({ [edit]: `${String(m[edit]).slice(0, -1)}0` === m[edit] ? `${String(m[edit]).slice(0, -1)}1` : `${String(m[edit]).slice(0, -1)}0` });
    case 'metadata legacy': {
      // What the adapter wrote before sealed text: the hashes first, the rest as inserted.
      const { prevHash, hash, ...rest } = m;
      return { ...row, metadataJson: JSON.stringify({ prevHash, hash, ...rest }) };
    }
  }
};

describe('checkLinks on the text a store keeps', () => {
  it('gives the answers it gives on the values, details included, for any data and any one edit of a stored row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 4 }), fc.nat(3), fc.constantFrom(...edits), fc.jsonValue(), (data, at, edit, other) => {
        const rows = rowsOf(data.length, (n) => data[n]);
        const i = at % rows.length;
        fc.pre(edit !== 'data' || canonicalJson(other) !== (rows[i] as Row).dataJson);
        const tampered = rows.map((r, j) => (j === i ? edited(r, edit, other) : r));
        const { stored, values } = bothWays(tampered);
        expect(stored).toEqual(values);
        const changesValues = edit !== 'none' && !edit.endsWith('rewritten') && edit !== 'metadata legacy';
        expect(stored.map((c) => c.ok)).toEqual(rows.map((_, j) => !(changesValues && (j === i || (edit === 'hash' && j === i + 1)))));
      }),
      propertyRuns(400, process.env),
    );
  });

  it('names exactly the edited event of a stream, with the hash its values give', () => {
    const rows = rowsOf(3);
    const tampered = rows.map((r, j) => (j === 1 ? { ...r, dataJson: '{"n":7}' } : r));
    const { stored, values } = bothWays(tampered);
    expect(stored.map((c) => c.ok)).toEqual([true, false, true]);
    expect(stored).toEqual(values);
  });

  it('hashes the bytes as stored: a hash written over stored text that is not canonical covers that text, which the values alone do not give back', () => {
    const [row] = rowsOf(1);
    if (!row) throw new Error('no row');
    const m = JSON.parse(row.metadataJson) as Record<string, unknown>;
    const spaced = JSON.stringify(JSON.parse(row.dataJson), null, 1);
    const covered = `{${row.metadataJson.slice(1, row.metadataJson.indexOf(',"prevHash":'))}}`;
    const hash = createHash('sha256').update(`${GENESIS_HASH}{"data":${spaced},"eventId":${JSON.stringify(row.eventId)},"metadata":${covered},"type":${JSON.stringify(row.type)}}`).digest('hex');
    const rehashed: Row = { ...row, dataJson: spaced, metadataJson: JSON.stringify({ ...m, hash }) };
    const { stored, values } = bothWays([rehashed]);
    expect(stored.map((c) => c.ok)).toEqual([true]);
    expect(values.map((c) => c.ok)).toEqual([false]);
    // Any byte changed after that, even a space, is a break again.
    expect(bothWays([{ ...rehashed, dataJson: `${spaced} ` }]).stored.map((c) => c.ok)).toEqual([false]);
  });
});
