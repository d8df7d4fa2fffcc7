import Database from 'better-sqlite3';
import { request } from 'node:http';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import { IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER } from '../src/commands/idempotency-key';
import { hearth } from './support/cli';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * The batch of decision 147, retried whole after a lost answer: without a key its refused
 * command is decided again; with an Idempotency-Key the retry is answered the first answer
 * and decides nothing (decision 158). A real server on a real SQLite file.
 */
describe('a batch sent with an Idempotency-Key', () => {
  let server: Server;
  const HH = 'hh-idem';
  const withdrawThenApply = [
    { type: 'WithdrawApplication', householdId: HH, on: '2016-03-01', commandId: 'w1' },
    { type: 'ApplyForIdentification', householdId: HH, on: '2016-03-01', commandId: 'a1' },
  ];
  const batch = (json: unknown, key?: string, token: string = TOKENS.willow) =>
    server.request('POST', '/api/commands/batch', { token, json, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });
  const replayed = async (json: unknown, key: string) => {
    const res = await fetch(`${server.url}/api/commands/batch`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(json) });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text: await res.text() };
  };
  /** Through node:http, which sends a header given as a list as that many lines, and bytes fetch would refuse. */
  const rawBatch = (json: unknown, key: string | string[]) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const body = JSON.stringify(json);
      const req = request(`${server.url}/api/commands/batch`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const stream = (householdId: string) => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return db.prepare('SELECT version, type, data FROM events WHERE stream_id = ? ORDER BY version').all(`household-${householdId}`);
    } finally {
      db.close();
    }
  };
  const headPosition = () => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return (db.prepare('SELECT MAX(position) AS head FROM events').get() as { head: number }).head;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    server = await startServer();
    // A surveyed household: no application to withdraw yet.
    for (const command of journey(HH, WILLOW).slice(0, 2)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
  });
  afterEach(() => server.close());

  it('answers the retry byte for byte as the first time, marked replayed, and leaves the household\'s stream and the log as they were', async () => {
    const first = await batch(withdrawThenApply, 'k-147');
    expect(first.status).toBe(200);
    expect(first.body.map((a: { status: number; body: { code?: string } }) => [a.status, a.body.code])).toEqual([[422, 'NO_APPLICATION'], [201, undefined]]);
    const before = { stream: stream(HH), head: headPosition() };
    const again = await batch(withdrawThenApply, 'k-147');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.contentType).toBe(first.contentType);
    expect((await replayed(withdrawThenApply, 'k-147')).replayed).toBe('true');
    expect({ stream: stream(HH), head: headPosition() }).toEqual(before);
    expect(stream(HH).map((e) => (e as { type: string }).type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied']);
  });

  it('keeps out of the store a value the codec refused and quoted (a name typed in the wrong field), and still replays the answer byte for byte', async () => {
    const typo = [{ type: 'WithdrawApplication', householdId: HH, on: '2016-03-01', note: 17, commandId: 'Zhang-Wei-typo' }, { ...withdrawThenApply[1], note: 'Zhang Wei' }];
    const wrongField = [{ type: 'RecordFollowUp', householdId: HH, on: '2016-03-01', visitId: 'v-1', findings: 'ok', stillEmployed: 'Zhang Wei', laborConcerns: [] }, ...typo];
    const first = await batch(wrongField, 'k-typo');
    expect(first.body[0]).toMatchObject({ status: 400, body: { code: 'INVALID_COMMAND', message: expect.stringContaining('Zhang Wei') } });
    expect(first.body[1]).toMatchObject({ status: 400, body: { code: 'INVALID_COMMAND', field: 'note' } });
    const db = new Database(server.storePath, { readonly: true });
    const kept = db.prepare("SELECT data FROM events WHERE stream_id LIKE 'batch-%'").all() as { data: string }[];
    db.close();
    expect(kept).toHaveLength(1);
    // The applied command's note is in its household's stream as any accepted command's is; in the answer's record, no refused value.
    expect(kept[0]?.data).not.toContain('Zhang Wei');
    expect(kept[0]?.data).not.toContain('stillEmployed');
    const again = await batch(wrongField, 'k-typo');
    expect(again.text).toBe(first.text);
  });

  it('keeps out of the store what a refused correction was sent: a key the event does not have, a value its codec refuses (decision 215)', async () => {
    const db = new Database(server.storePath, { readonly: true });
    const registration = (db.prepare('SELECT event_id FROM events WHERE stream_id = ? AND version = 0').get(`household-${HH}`) as { event_id: string }).event_id;
    db.close();
    const correct = (correction: Record<string, unknown>) => ({ type: 'CorrectEvent', householdId: HH, on: '2016-03-01', eventId: registration, correction, reason: 'typo' });
    const corrections = [correct({ 'Zhang Wei, ID 110101199003071234': 1 }), correct({ divisionCode: 'Zhang Wei 110101199003071234' })];
    const first = await batch(corrections, 'k-correction');
    expect(first.body).toEqual([
      { status: 422, body: expect.objectContaining({ code: 'INVALID_CORRECTION', field: 'correction' }) },
      { status: 422, body: expect.objectContaining({ code: 'INVALID_CORRECTION', field: 'correction.divisionCode' }) },
    ]);
    expect(first.text).not.toContain('Zhang');
    const store = new Database(server.storePath, { readonly: true });
    const everything = (store.prepare('SELECT group_concat(data) AS all_data FROM events').get() as { all_data: string }).all_data;
    store.close();
    expect(everything).toContain('INVALID_CORRECTION'); // the answer is recorded…
    expect(everything).not.toContain('Zhang'); // …and nothing of what was refused
    expect(everything).not.toContain('110101199003071234');
    expect((await batch(corrections, 'k-correction')).text).toBe(first.text);
  });

  it('marks the replay only: the first answer carries no Idempotent-Replayed, the second carries it', async () => {
    const first = await replayed(withdrawThenApply, 'k-first');
    expect([first.status, first.replayed]).toEqual([200, null]);
    const again = await replayed(withdrawThenApply, 'k-first');
    expect([again.status, again.replayed, again.text]).toEqual([200, 'true', first.text]);
  });

  it('refuses the same key with another body with 422 IDEMPOTENCY_KEY_REUSED naming the header, deciding nothing', async () => {
    await batch(withdrawThenApply, 'k-147');
    const head = headPosition();
    const other = await batch([withdrawThenApply[0]], 'k-147');
    expect(other.status).toBe(422);
    expect(other.body).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('another body'), field: 'Idempotency-Key' });
    expect(headPosition()).toBe(head);
  });

  it('counts a leading byte-order mark as a byte that differs: the same commands with and without one are two bodies, either way round (decision 197)', async () => {
    const plain = Buffer.from(JSON.stringify(withdrawThenApply), 'utf8');
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    const send = (bytes: Uint8Array, key: string) => server.request('POST', '/api/commands/batch', { token: TOKENS.willow, body: bytes, contentType: 'application/json', headers: { 'idempotency-key': key } });
    for (const [first, other, key] of [[plain, marked, 'k-plain-first'], [marked, plain, 'k-marked-first']] as const) {
      const answered = await send(first, key);
      expect(answered.status).toBe(200);
      const head = headPosition();
      const refused = await send(other, key);
      expect({ key, status: refused.status, body: refused.body }).toEqual({ key, status: 422, body: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' }) });
      expect(headPosition()).toBe(head);
      // The bytes first sent are still the key's body: replayed.
      expect((await send(first, key)).text).toBe(answered.text);
    }
  });

  it('answers a second request while the key\'s first is being decided 409 IDEMPOTENCY_KEY_IN_USE with Retry-After, as the store\'s busy answers are', async () => {
    // The first request is held at its look-up of the key's record, so it is still being decided when the second arrives.
    const ledger: Ledger = server.app.get(HEARTH_LEDGER);
    const read = ledger.store.readStream.bind(ledger.store);
    let reached: () => void = () => undefined;
    const heldThere = new Promise<void>((resolve) => (reached = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const lookUps = jest.spyOn(ledger.store, 'readStream').mockImplementation(async (streamId, opts) => {
      if (streamId.startsWith('batch-')) {
        reached();
        await released;
      }
      return read(streamId, opts);
    });
    try {
      const first = batch(withdrawThenApply, 'k-busy');
      await heldThere;
      const second = await batch(withdrawThenApply, 'k-busy');
      expect([second.status, second.body.code, second.body.field]).toEqual([409, 'IDEMPOTENCY_KEY_IN_USE', 'Idempotency-Key']);
      expect(second.retryAfter).toBe(String(IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER));
      release();
      expect((await first).status).toBe(200);
    } finally {
      release();
      lookUps.mockRestore();
    }
    // Once the first is answered, the key replays it.
    expect((await replayed(withdrawThenApply, 'k-busy')).replayed).toBe('true');
  });

  it('is the caller\'s own: another caseworker\'s same key is decided for them, and replays their own answer', async () => {
    await batch(withdrawThenApply, 'k-shared');
    // The township's caseworker works on the same village's household (its subtree) and sends a batch of its own under the same key.
    const theirs = [{ type: 'WithdrawApplication', householdId: HH, on: '2016-03-01', commandId: 'w2' }];
    const first = await batch(theirs, 'k-shared', TOKENS.township);
    expect(first.body.map((a: { status: number; body: { appended?: { type: string }[] } }) => [a.status, a.body.appended?.[0]?.type])).toEqual([[201, 'ApplicationWithdrawn']]);
    const again = await batch(theirs, 'k-shared', TOKENS.township);
    expect(again.text).toBe(first.text);
    // And the first caller's key still answers the first caller's batch.
    expect((await batch(withdrawThenApply, 'k-shared')).body[0].status).toBe(422);
  });

  it('without a key, is decided again as before (decision 147): the refused withdrawal is accepted on the retry', async () => {
    const first = await batch(withdrawThenApply);
    expect(first.body.map((a: { status: number }) => a.status)).toEqual([422, 201]);
    const again = await batch(withdrawThenApply);
    expect(again.body.map((a: { status: number; body: { unchanged?: boolean; appended?: { type: string }[] } }) => [a.status, a.body.unchanged, a.body.appended?.[0]?.type])).toEqual([
      [201, false, 'ApplicationWithdrawn'],
      [201, true, undefined],
    ]);
  });

  it('refuses a malformed key, or one given twice, with 400 INVALID_HEADER naming the header, before anything is decided', async () => {
    const head = headPosition();
    for (const key of ['has space', 'x'.repeat(256), 'clé', ['k-1', 'k-2']]) {
      const res = await rawBatch(withdrawThenApply, key);
      expect([res.status, JSON.parse(res.text)]).toEqual([400, { code: 'INVALID_HEADER', message: expect.stringContaining('Idempotency-Key'), field: 'Idempotency-Key' }]);
    }
    expect(headPosition()).toBe(head);
    expect((await rawBatch(withdrawThenApply, 'x'.repeat(255))).status).toBe(200);
  });

  it('keeps the answer as one sealed event of a batch- stream: hearth verify finds nothing in it, and the read models equal a rebuild', async () => {
    await batch(withdrawThenApply, 'k-147');
    await batch(withdrawThenApply, 'k-147');
    const db = new Database(server.storePath, { readonly: true });
    const kept = db.prepare("SELECT stream_id AS streamId, version, type FROM events WHERE stream_id NOT LIKE 'household-%' AND stream_id <> 'divisions'").all();
    db.close();
    expect(kept).toEqual([{ streamId: expect.stringMatching(/^batch-[0-9a-f]{64}$/), version: 0, type: 'BatchAnswered' }]);
    await server.stop();
    const verify = hearth(server.store, ['--json', 'verify']);
    expect([verify.code, JSON.parse(verify.stdout).anomalies]).toEqual([0, []]);
    const readModels = hearth(server.store, ['--json', 'verify', '--read-models']);
    expect(readModels.code).toBe(0);
    expect(JSON.parse(readModels.stdout)).toMatchObject({ differenceCount: 0 });
    // Sealed like every event: an answer edited behind the ledger's back is a hash break.
    const edit = new Database(server.storePath);
    edit.prepare("UPDATE events SET data = replace(data, 'NO_APPLICATION', 'NO_MATTER') WHERE stream_id LIKE 'batch-%'").run();
    edit.close();
    const tampered = hearth(server.store, ['--json', 'verify']);
    expect(JSON.parse(tampered.stdout).anomalies).toEqual([expect.objectContaining({ householdId: (kept[0] as { streamId: string }).streamId, kind: 'hash-break' })]);
  }, 60_000);
});
