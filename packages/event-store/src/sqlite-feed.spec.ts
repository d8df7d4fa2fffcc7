import fc from 'fast-check';
import { isBusinessDate } from '@hearth/domain';
import { DamagedEventError } from './damaged-event-error';
import { OCCURRED_ON_NOT_A_DATE } from './feed-event';
import { occurredOnOf } from './sqlite-feed-rows';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from './testing/event-factory';
import { propertyRuns } from '@hearth/domain/testing';

/** A store of three events in stream `a`; the row at position 2 has `column` set to `text` by hand. */
const storeWithRow = async (column: 'data' | 'metadata', text: string): Promise<SqliteEventStore> => {
  const store = SqliteEventStore.open(':memory:');
  await store.appendToStream('a', testEvents(3), 'no_stream');
  store.db.prepare(`UPDATE events SET ${column} = ? WHERE position = 2`).run(text);
  return store;
};

/** What the feed answers for position 2: its date, or the reason it is refused. */
const feedAt2 = async (store: SqliteEventStore): Promise<{ occurredOn: string } | { damaged: string }> => {
  try {
    const [event] = await store.readFeed({ after: 1, maxCount: 1 });
    return { occurredOn: event?.occurredOn ?? 'none' };
  } catch (error) {
    if (!(error instanceof DamagedEventError)) throw error;
    expect({ position: error.position, streamId: error.streamId }).toEqual({ position: 2, streamId: 'a' });
    return { damaged: error.reason };
  }
};

describe('SqliteEventStore.readFeed over rows edited by hand', () => {
  it.each([
    ['data', 'not JSON', { damaged: 'its data is not JSON' }],
    ['metadata', '{"occurredOn":', { damaged: 'its metadata is not JSON' }],
    ['metadata', "{occurredOn:'2016-08-01'}", { damaged: 'its metadata is not JSON' }],
    ['metadata', '{"occurredOn":"2016-08-01"} trailing', { damaged: 'its metadata is not JSON' }],
    ['metadata', '[]', { damaged: 'metadata is not a JSON object' }],
    ['metadata', '"\\"occurredOn\\":\\"2016-08-01\\""', { damaged: 'metadata is not a JSON object' }],
    ['metadata', '{"actor":"a"}', { damaged: 'metadata.occurredOn is missing or not text' }],
    ['metadata', '{"occurredOn":20160801}', { damaged: 'metadata.occurredOn is missing or not text' }],
    ['metadata', '{"note":{"occurredOn":"2016-08-01"}}', { damaged: 'metadata.occurredOn is missing or not text' }],
    ['metadata', '{"occurredOn":"2016-08-01","occurredOn":null}', { damaged: 'metadata.occurredOn is missing or not text' }],
    ['metadata', '{"occurredOn":"2016-02-30"}', { damaged: OCCURRED_ON_NOT_A_DATE }],
    ['metadata', '{"occurredOn":"2016-08-01T00:00"}', { damaged: OCCURRED_ON_NOT_A_DATE }],
    ['metadata', '{"occurredOn":"2016\\u002d08-01"}', { occurredOn: '2016-08-01' }],
    ['metadata', '{"occurredOn":"2016-08-01","occurredOn":"2017-01-01"}', { occurredOn: '2017-01-01' }],
    ['metadata', '{"x\\"occurredOn":"2016-08-01","occurredOn":"2017-01-02"}', { occurredOn: '2017-01-02' }],
    // A second occurredOn spelled with an escape, which JSON.parse keeps (and verify, the hash and the history read).
    ['metadata', '{"occurredOn":"2020-01-15","\\u006fccurredOn":"2019-12-07"}', { occurredOn: '2019-12-07' }],
    ['metadata', '{"occurredOn":"2020-01-15","occurredOn" :"2019-12-07"}', { occurredOn: '2019-12-07' }],
    ['metadata', '{ "occurredOn" : "2016-08-03" }', { occurredOn: '2016-08-03' }],
    ['metadata', '{"note":"{","occurredOn":"2016-08-04"}', { occurredOn: '2016-08-04' }],
    // The rest of the envelope is not the feed's to check: verify reads it (readStream refuses this row).
    ['metadata', '{"occurredOn":"2016-08-05","actor":"a"}', { occurredOn: '2016-08-05' }],
  ] as const)('%s set to %s: %j', async (column, text, expected) => {
    const store = await storeWithRow(column, text);
    expect(await feedAt2(store)).toEqual(expected);
    // A whole page stops at it, with a DamagedEventError; what is before and after it stays readable.
    if ('damaged' in expected) await expect(store.readFeed()).rejects.toBeInstanceOf(DamagedEventError);
    expect((await store.readFeed({ maxCount: 1 })).map((e) => e.position)).toEqual([1]);
    expect((await store.readFeed({ after: 2 })).map((e) => e.position)).toEqual([3]);
    await store.close();
  });

  it('reads the date of any metadata text as JSON.parse does, or refuses it (property)', async () => {
    const store = await storeWithRow('metadata', '{}');
    const update = store.db.prepare('UPDATE events SET metadata = ? WHERE position = 2');
    const key = fc.constantFrom('occurredOn', 'actor', 'note', 'x"occurredOn', 'occurredOn"', 'hash', '{');
    const text = fc.oneof(
      fc.constantFrom('2016-08-01', '2016-02-29', '2017-02-29', '1899-12-31', '"occurredOn":"2016-08-01"', '{', ',"occurredOn":"2019-01-01"', 'é\u2028'),
      fc.string({ maxLength: 12 }),
    );
    const value = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 2 })),
      object: fc.dictionary(key, tie('value'), { maxKeys: 3 }),
    })).value;
    const metadata = fc.tuple(fc.dictionary(key, value, { maxKeys: 5 }), fc.constantFrom(undefined, 1), fc.boolean()).map(([m, indent, duplicate]) => {
      const json = JSON.stringify(m, null, indent);
      // A duplicate key, which JSON.stringify never writes: JSON.parse keeps the last.
      return duplicate && json.length > 2 ? `{"occurredOn":"2015-05-05",${json.slice(1)}` : json;
    });
    await fc.assert(
      fc.asyncProperty(metadata, async (stored) => {
        update.run(stored);
        const parsed = JSON.parse(stored) as Record<string, unknown>;
        const occurredOn = parsed['occurredOn'];
        const expected = typeof occurredOn !== 'string' ? { damaged: 'metadata.occurredOn is missing or not text' } : isBusinessDate(occurredOn) ? { occurredOn } : { damaged: OCCURRED_ON_NOT_A_DATE };
        expect({ stored, feed: await feedAt2(store) }).toEqual({ stored, feed: expected });
      }),
      propertyRuns(400, process.env),
    );
    await store.close();
  });
});

describe('occurredOnOf (the quick reading of metadata text SQLite found to be JSON)', () => {
  it('reads the date of the metadata the ledger writes', () => {
    const [event] = testEvents([{ occurredOn: '2019-03-24', actor: 'caseworker:P01C01-4' }]);
    expect(occurredOnOf(JSON.stringify(event?.metadata))).toBe('2019-03-24');
  });

  it.each([
    ['{"note":{"occurredOn":"2016-08-01"}}', 'a key of a nested object'],
    ['{"x\\"occurredOn":"2016-08-01"}', 'the end of another key'],
    ['{"occurredOn":"2016-08-01","occurredOn":"2017-01-01"}', 'a key given twice'],
    ['{ "occurredOn":"2016-08-01"}', 'a key after white space'],
    ['{"occurredOn":"2016-08-01x"}', 'a longer value'],
    ['{"occurredOn":"2016-13-01"}', 'no date'],
    ['{"occurredOn":"2020-01-15","\\u006fccurredOn":"2019-12-07"}', 'a second key spelled with an escape'],
    ['{"\\u006fccurredOn":"2019-12-07","occurredOn":"2020-01-15"}', 'a first key spelled with an escape'],
    ['{"occurredOn":"2020-01-15","occurredOn" :"2019-12-07"}', 'a second key with white space before its colon'],
    ['{"occurredOn"\n:"2019-12-07","occurredOn":"2020-01-15"}', 'a first key with a line break before its colon'],
  ])('leaves %s to a whole parse (%s)', (text) => {
    expect(occurredOnOf(text)).toBeUndefined();
  });

  it('reads the date JSON.parse keeps, or leaves the text to it, whatever the keys, their order and escapes (property)', () => {
    const keys = fc.constantFrom('occurredOn', 'actor', 'note', 'occurredOn ', 'xoccurredOn');
    const values = fc.oneof({ arbitrary: fc.constantFrom('2019-12-07', '2020-01-15', '2016-02-29'), weight: 3 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
    /** A string's JSON text with the characters `escaped` picks written as `\uXXXX`: the same string to JSON.parse. */
    const spelled = (text: string, escaped: readonly boolean[]): string =>
      `"${[...text].map((c, i) => (escaped[i % escaped.length] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(c).slice(1, -1))).join('')}"`;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(keys, values, fc.oneof(fc.constant([false]), fc.array(fc.boolean(), { minLength: 1, maxLength: 7 })), fc.constantFrom(':', ' :', '\n:', ': ', '\t:\t')), { minLength: 1, maxLength: 5 }),
        (members) => {
        const text = `{${members.map(([k, v, escaped, colon]) => `${spelled(k, escaped)}${colon}${spelled(v, [false])}`).join(',')}}`;
        const quick = occurredOnOf(text);
        if (quick !== undefined) expect(quick).toBe((JSON.parse(text) as { occurredOn?: unknown }).occurredOn);
        },
      ),
      propertyRuns(400, process.env),
    );
  });
});
