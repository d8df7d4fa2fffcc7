import { Logger } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import { createHash } from 'node:crypto';
import { InMemoryEventStore, type EventStore } from '@hearth/event-store';
import * as testing from '@hearth/event-store/testing';
import { recordBatchAnswer, SCHEMA_VERSION, type Ledger } from '@hearth/ledger';
import type { Principal } from '../auth/principal';
import type { BatchItemResult } from '../api-bodies';
import { ApiError } from '../errors/api-error';
import { BatchAnswers, type DecidedBatch } from './batch-answers';
import { decodedCommand } from './codec-refusal';
import { IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER } from './idempotency-key';

const willow: Principal = { role: 'caseworker', division: 'V01', actor: 'cw-willow' };
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const TEXT = '[{"type":"WithdrawApplication"}]';
const BATCH = 'POST /api/commands/batch' as const;
const ONE = 'POST /api/commands' as const;
const BODY = { route: BATCH, bytes: utf8(TEXT), commands: [{ type: 'WithdrawApplication' }] };
const DECIDED: DecidedBatch = { results: [{ status: 422, body: { code: 'NO_APPLICATION', message: 'no application', field: 'householdId' } }] };

const answersOn = (store: EventStore) => new BatchAnswers({ store } as unknown as Ledger, () => '2026-12-05T19:00:00.000Z');
/** A decision that counts its runs. */
const counted = (decided: DecidedBatch = DECIDED) => {
  const runs = { n: 0 };
  return { runs, decide: async () => ((runs.n += 1), decided) };
};

/** The recording and replay of a batch's answer under its Idempotency-Key (decision 158); the HTTP round trips are in test/. */
describe('BatchAnswers', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('decides a new key once and records its answer; the same body again is replayed, Retry-After included, and decides nothing', async () => {
    const answers = answersOn(new InMemoryEventStore());
    const busy: DecidedBatch = { ...DECIDED, retryAfterSeconds: 2 };
    const { runs, decide } = counted(busy);
    expect(await answers.once(willow, 'k', BODY, decide)).toEqual({ ...busy, replayed: false });
    expect(await answers.once(willow, 'k', BODY, decide)).toEqual({ ...busy, replayed: true });
    expect(runs.n).toBe(1);
  });

  it('refuses the key with another body: 422 IDEMPOTENCY_KEY_REUSED, nothing decided', async () => {
    const answers = answersOn(new InMemoryEventStore());
    const { runs, decide } = counted();
    await answers.once(willow, 'k', BODY, decide);
    const refused = await answers.once(willow, 'k', { ...BODY, bytes: utf8(`${TEXT} `) }, decide).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' } });
    expect(runs.n).toBe(1);
  });

  it('compares bytes, not the text they decode to: a leading byte-order mark makes another body, either way round', async () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...BODY.bytes]);
    // Both decode to the same text and the same commands; only the bytes tell them apart.
    expect(new TextDecoder().decode(bom)).toBe(new TextDecoder().decode(BODY.bytes));
    for (const [first, second] of [[BODY.bytes, bom], [bom, BODY.bytes]] as const) {
      const answers = answersOn(new InMemoryEventStore());
      const { runs, decide } = counted();
      await answers.once(willow, 'k', { ...BODY, bytes: first }, decide);
      await expect(answers.once(willow, 'k', { ...BODY, bytes: second }, decide)).rejects.toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
      expect((await answers.once(willow, 'k', { ...BODY, bytes: Uint8Array.from(first) }, decide)).replayed).toBe(true);
      expect(runs.n).toBe(1);
    }
  });

  it('scopes the key to the whole principal: the same actor name in another division is another caller', async () => {
    const answers = answersOn(new InMemoryEventStore());
    const { runs, decide } = counted();
    await answers.once(willow, 'k', BODY, decide);
    expect((await answers.once({ ...willow, division: 'V02' }, 'k', BODY, decide)).replayed).toBe(false);
    expect((await answers.once({ ...willow, actor: 'cw-stone' }, 'k', BODY, decide)).replayed).toBe(false);
    expect(runs.n).toBe(3);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while this process decides the key\'s first request, and replays it once answered', async () => {
    const answers = answersOn(new InMemoryEventStore());
    let finish: () => void = () => undefined;
    const first = answers.once(willow, 'k', BODY, () => new Promise<DecidedBatch>((resolve) => (finish = () => resolve(DECIDED))));
    await new Promise((resolve) => setImmediate(resolve));
    const second = await answers.once(willow, 'k', BODY, counted().decide).catch((e: unknown) => e);
    expect(second).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_KEY_IN_USE', field: 'Idempotency-Key' }, retryAfterSeconds: IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER });
    // Another caller's same key is not held up.
    expect((await answers.once({ ...willow, actor: 'cw-stone' }, 'k', BODY, counted().decide)).replayed).toBe(false);
    finish();
    expect((await first).replayed).toBe(false);
    expect((await answers.once(willow, 'k', BODY, counted().decide)).replayed).toBe(true);
  });

  it('lets the key go when deciding throws: nothing is recorded and the next request is decided', async () => {
    const answers = answersOn(new InMemoryEventStore());
    await expect(answers.once(willow, 'k', BODY, () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    const { runs, decide } = counted();
    expect((await answers.once(willow, 'k', BODY, decide)).replayed).toBe(false);
    expect(runs.n).toBe(1);
  });

  it('still answers a batch whose answer the store refused to record; a retry is then decided again', async () => {
    const inner = new InMemoryEventStore();
    let failing = true;
    const store = testing.interceptedStore(inner, {
      appendToStream: (streamId, events, expected) => (failing ? Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })) : inner.appendToStream(streamId, events, expected)),
    });
    const answers = answersOn(store);
    const { runs, decide } = counted();
    expect(await answers.once(willow, 'k', BODY, decide)).toEqual({ ...DECIDED, replayed: false });
    expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('not recorded'));
    failing = false;
    expect((await answers.once(willow, 'k', BODY, decide)).replayed).toBe(false);
    expect(runs.n).toBe(2);
    expect((await answers.once(willow, 'k', BODY, decide)).replayed).toBe(true);
  });

  it('two processes racing one key each decide and answer their own; the first recorded answer is the one replayed after', async () => {
    const store = new InMemoryEventStore();
    const [one, two] = [answersOn(store), answersOn(store)];
    let finishOne: () => void = () => undefined;
    const racing = one.once(willow, 'k', BODY, () => new Promise<DecidedBatch>((resolve) => (finishOne = () => resolve(DECIDED))));
    await new Promise((resolve) => setImmediate(resolve));
    const theirs: DecidedBatch = { results: [{ status: 201, body: { householdId: 'hh', appended: [], unchanged: true } }] };
    expect(await two.once(willow, 'k', BODY, counted(theirs).decide)).toEqual({ ...theirs, replayed: false });
    finishOne();
    expect(await racing).toEqual({ ...DECIDED, replayed: false });
    expect(Logger.prototype.warn).toHaveBeenCalledWith(expect.stringContaining('another process recorded an answer'));
    expect(await one.once(willow, 'k', BODY, counted().decide)).toEqual({ ...theirs, replayed: true });
  });

  it('keeps a codec refusal out of the record (its message quotes the refused value) and makes it again, byte for byte, on the replay', async () => {
    const store = new InMemoryEventStore();
    const answers = answersOn(store);
    const typo = { type: 'RecordFollowUp', householdId: 'hh', on: '2016-09-30', visitId: 'v-1', findings: 'ok', stillEmployed: 'Zhang Wei', laborConcerns: [] };
    const request = { route: BATCH, bytes: utf8(JSON.stringify([typo, { type: 'WithdrawApplication' }])), commands: [typo, { type: 'WithdrawApplication' }] };
    // What answerAlone made of it: the codec's refusal, which quotes the value.
    const decoded = decodedCommand(typo);
    if (E.isRight(decoded)) throw new Error('the codec took it');
    const refused: BatchItemResult = { status: decoded.left.status, body: decoded.left.body };
    expect(refused).toMatchObject({ status: 400, body: { code: 'INVALID_COMMAND', message: expect.stringContaining('"Zhang Wei"'), field: 'stillEmployed' } });
    const decided: DecidedBatch = { results: [refused, ...DECIDED.results] };
    const first = await answers.once(willow, 'k', request, async () => decided);
    const [stored] = await store.readAll();
    expect(JSON.stringify(stored?.data)).not.toContain('Zhang Wei');
    expect((stored?.data as { items: unknown[] }).items).toEqual([null, JSON.stringify(DECIDED.results[0])]);
    const again = await answers.once(willow, 'k', request, counted().decide);
    expect(JSON.stringify(again.results)).toBe(JSON.stringify(first.results));
  });

  it('keeps as sent a 400 the codec does not make (a date after the day it is recorded is the service\'s refusal, not the codec\'s)', async () => {
    const store = new InMemoryEventStore();
    const withdraw = { type: 'WithdrawApplication', householdId: 'hh', on: '2016-03-01' };
    const late: BatchItemResult = { status: 400, body: { code: 'INVALID_COMMAND', message: 'on: 2030-01-01 is after 2026-12-05, the day it is recorded', field: 'on' } };
    await answersOn(store).once(willow, 'k', { route: BATCH, bytes: utf8(JSON.stringify([withdraw])), commands: [withdraw] }, async () => ({ results: [late] }));
    const [stored] = await store.readAll();
    expect((stored?.data as { items: unknown[] }).items).toEqual([JSON.stringify(late)]);
  });

  it('records one command\'s answer under its own status, and tells its body from the same bytes sent as a batch (decision 203)', async () => {
    const store = new InMemoryEventStore();
    const answers = answersOn(store);
    const command = { route: ONE, bytes: BODY.bytes, commands: [BODY.commands] };
    const { runs, decide } = counted();
    expect(await answers.once(willow, 'k', command, decide)).toEqual({ ...DECIDED, replayed: false });
    const [stored] = await store.readAll();
    expect(stored?.data).toMatchObject({ status: 422, items: [JSON.stringify(DECIDED.results[0])] });
    expect((await answers.once(willow, 'k', command, decide)).replayed).toBe(true);
    // The very bytes sent to the other route are another request, either way round: never the other route's answer.
    await expect(answers.once(willow, 'k', BODY, decide)).rejects.toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    await answers.once(willow, 'k-batch', BODY, decide);
    await expect(answers.once(willow, 'k-batch', command, decide)).rejects.toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(runs.n).toBe(2);
  });

  it('leaves unrecorded one command\'s answer that decided nothing and says to send it again (CONFLICT, a store fault); a batch\'s is final', async () => {
    const command = { route: ONE, bytes: BODY.bytes, commands: [BODY.commands] };
    for (const [code, status] of [['CONFLICT', 409], ['STORE_BUSY', 503], ['STORAGE_FULL', 507]] as const) {
      const store = new InMemoryEventStore();
      const answers = answersOn(store);
      const undecided: DecidedBatch = { results: [{ status, body: { code, message: 'nothing was written' }, retryAfterSeconds: 2 }] };
      const { runs, decide } = counted(undecided);
      expect((await answers.once(willow, 'k', command, decide)).replayed).toBe(false);
      expect(await store.readAll()).toEqual([]);
      expect({ code, replayed: (await answers.once(willow, 'k', command, decide)).replayed, runs: runs.n }).toEqual({ code, replayed: false, runs: 2 });
      // The same answer in a batch is recorded and replayed (decision 158: the commands before the fault were decided).
      const batch = counted(undecided);
      await answers.once(willow, 'k-batch', BODY, batch.decide);
      expect({ code, replayed: (await answers.once(willow, 'k-batch', BODY, batch.decide)).replayed, runs: batch.runs.n }).toEqual({ code, replayed: true, runs: 1 });
    }
  });

  it('still replays a batch answer recorded before one command took keys: a batch\'s body is known by the SHA-256 of its bytes alone', async () => {
    const store = new InMemoryEventStore();
    const answer = { status: 200, items: [JSON.stringify(DECIDED.results[0])] };
    const subject = JSON.stringify([willow.role, willow.division, willow.actor]);
    const requestSha256 = createHash('sha256').update(BODY.bytes).digest('hex');
    await recordBatchAnswer(store, { subject, key: 'k', requestSha256, answer, eventId: '0193a000-0000-7000-8000-000000000001', actor: willow.actor, recordedAt: '2026-12-01T10:00:00.000Z', schemaVersion: SCHEMA_VERSION });
    const { runs, decide } = counted();
    expect(await answersOn(store).once(willow, 'k', BODY, decide)).toEqual({ ...DECIDED, replayed: true });
    expect(runs.n).toBe(0);
  });
});
