import { InMemoryEventStore, SqliteEventStore, verifyStream, type EventStore } from '@hearth/event-store';
// The wire stand-in, in this test only: what open-store.ts keeps lazy is the client in the ledger's own code path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEsdbStandIn } from '@hearth/event-store-esdb/testing';
import { BATCH_ANSWER_STREAM_PREFIX, batchAnswerStream, HEARTH_STREAM_PREFIXES, lookUpBatchAnswer, migrateLog, openStore, recordBatchAnswer, SCHEMA_VERSION, type BatchAnswer } from '../src';

jest.setTimeout(30_000);

const ANSWER: BatchAnswer = {
  status: 200,
  items: ['{"status":422,"body":{"code":"NO_APPLICATION","message":"…","field":"householdId"}}', null, '{"status":201,"body":{"householdId":"h","appended":[],"unchanged":true}}'],
};
const record = (store: EventStore, subject: string, key: string, requestSha256: string, answer: BatchAnswer = ANSWER, eventId = '0190a0a0-0000-7000-8000-000000000001') =>
  recordBatchAnswer(store, { subject, key, requestSha256, answer, eventId, actor: 'cw-willow', recordedAt: '2026-12-05T19:00:00.000Z', schemaVersion: SCHEMA_VERSION });

/** A batch's answer kept under an Idempotency-Key (decision 158): one sealed event in a stream of its own per caller and key. */
describe('a recorded batch answer', () => {
  let store: EventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  it('is "new" until recorded, then replayed for the same body, text and Retry-After as recorded, and refused for another body', async () => {
    expect(await lookUpBatchAnswer(store, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'new' });
    const busy: BatchAnswer = { ...ANSWER, retryAfterSeconds: 2 };
    expect(await record(store, 'alice', 'k-1', 'sha-a', busy)).toEqual({ kind: 'recorded', position: 1 });
    expect(await lookUpBatchAnswer(store, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'replay', answer: busy });
    expect(await lookUpBatchAnswer(store, 'alice', 'k-1', 'sha-b')).toEqual({ kind: 'reused' });
  });

  it('is the caller\'s own: another subject\'s same key, and the same subject\'s other key, are new', async () => {
    await record(store, 'alice', 'k-1', 'sha-a');
    expect(await lookUpBatchAnswer(store, 'bob', 'k-1', 'sha-a')).toEqual({ kind: 'new' });
    expect(await lookUpBatchAnswer(store, 'alice', 'k-2', 'sha-a')).toEqual({ kind: 'new' });
    // Subject and key are hashed as a pair: moving text from one to the other names another stream.
    expect(batchAnswerStream('ab', 'c')).not.toBe(batchAnswerStream('a', 'bc'));
  });

  it('is recorded once: a second recording under the same caller and key is "taken" and changes nothing', async () => {
    await record(store, 'alice', 'k-1', 'sha-a');
    expect(await record(store, 'alice', 'k-1', 'sha-b', { status: 200, items: [] }, '0190a0a0-0000-7000-8000-000000000002')).toEqual({ kind: 'taken' });
    expect(await lookUpBatchAnswer(store, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'replay', answer: ANSWER });
    expect(await store.headPosition()).toBe(1);
  });

  it('is one event sealed into the hash chain, in a stream named by a hash that holds neither the caller nor the key', async () => {
    await record(store, 'alice', 'my-secret-key', 'sha-a');
    const [e, ...rest] = await store.readAll();
    expect(rest).toEqual([]);
    expect(e?.streamId).toMatch(/^batch-[0-9a-f]{64}$/);
    expect(e?.streamId).not.toMatch(/alice|secret/);
    expect(JSON.stringify(e?.data)).not.toMatch(/alice|my-secret-key/);
    expect(e).toMatchObject({ type: 'BatchAnswered', metadata: { occurredOn: '2026-12-05', actor: 'cw-willow' } });
    expect(verifyStream(await store.readStream(e?.streamId ?? ''))).toMatchObject({ ok: true });
  });

  it('on SQLite, replays the recorded text as written (the store keeps data as canonical JSON, keys sorted)', async () => {
    const sqlite = SqliteEventStore.open(':memory:');
    try {
      const unsorted: BatchAnswer = { status: 200, items: ['{"status":201,"body":{"householdId":"h","appended":[],"unchanged":true}}', null] };
      await record(sqlite, 'alice', 'k-1', 'sha-a', unsorted);
      expect(await lookUpBatchAnswer(sqlite, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'replay', answer: unsorted });
    } finally {
      await sqlite.close();
    }
  });
});

describe('hearth migrate', () => {
  it('copies a batch answer stream like any other, and the target replays it', async () => {
    const source = new InMemoryEventStore();
    await record(source, 'alice', 'k-1', 'sha-a');
    const target = new InMemoryEventStore();
    const { comparison } = await migrateLog(source, target);
    expect(comparison).toEqual({ streams: 1, events: 1, differences: [] });
    expect(await lookUpBatchAnswer(target, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'replay', answer: ANSWER });
  });
});

describe('the batch answer streams on KurrentDB', () => {
  it('are Hearth\'s own: a store opened with HEARTH_STREAM_PREFIXES reads them in $all, where other applications\' streams are passed over', async () => {
    expect(HEARTH_STREAM_PREFIXES).toContain(BATCH_ANSWER_STREAM_PREFIX);
    const server = await startEsdbStandIn({ positions: 'log', seed: 5 });
    const store = await openStore(server.url, {});
    try {
      await record(store, 'alice', 'k-1', 'sha-a');
      server.appendForeign('orders-1', { type: 'OrderPaid', contentType: 'application/json', data: Buffer.from('{"n":1}') });
      expect((await store.readAll()).map((e) => e.streamId)).toEqual([batchAnswerStream('alice', 'k-1')]);
      expect(await lookUpBatchAnswer(store, 'alice', 'k-1', 'sha-a')).toEqual({ kind: 'replay', answer: ANSWER });
      // Another request's answer (its own event id: the server takes the same event id again as a retry of one append).
      expect(await record(store, 'alice', 'k-1', 'sha-a', ANSWER, '0190a0a0-0000-7000-8000-000000000002')).toEqual({ kind: 'taken' });
    } finally {
      await store.close();
      await server.close();
    }
  });
});
