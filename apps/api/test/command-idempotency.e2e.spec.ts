import Database from 'better-sqlite3';
import { request } from 'node:http';
import { IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER } from '../src/commands/idempotency-key';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

interface Sent {
  readonly status: number;
  readonly text: string;
  readonly replayed: string | null;
  readonly retryAfter: string | null;
}

/**
 * One command sent with an Idempotency-Key is answered once, as a batch is (decision 203):
 * a CorrectEvent, which nothing in the log tells from a new one, is recorded once however
 * often the request is sent again. A real server on a real SQLite file.
 */
describe('one command sent with an Idempotency-Key', () => {
  let server: Server;
  const HH = 'hh-idem-one';
  let correction: Record<string, unknown>;

  /** Through node:http: a header given as a list is sent as that many lines, and an empty one as it is. */
  const send = (json: unknown, key?: string | string[], path = '/api/commands') =>
    new Promise<Sent>((resolve, reject) => {
      const body = JSON.stringify(json);
      const headers = { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(key === undefined ? {} : { 'idempotency-key': key }) };
      const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          const header = (name: string) => (res.headers[name] === undefined ? null : String(res.headers[name]));
          resolve({ status: res.statusCode ?? 0, text, replayed: header('idempotent-replayed'), retryAfter: header('retry-after') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const storedTypes = () => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return db.prepare('SELECT type FROM events WHERE stream_id = ? ORDER BY version').pluck().all(`household-${HH}`) as string[];
    } finally {
      db.close();
    }
  };
  const corrections = () => storedTypes().filter((type) => type === 'EventCorrected').length;

  beforeEach(async () => {
    server = await startServer();
    let referral = '';
    for (const command of journey(HH, WILLOW).slice(0, 5)) {
      const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command });
      expect(answer.status).toBe(201);
      referral = answer.body.appended[0].eventId;
    }
    correction = { type: 'CorrectEvent', householdId: HH, on: '2016-12-31', eventId: referral, correction: { employer: 'Garment co-operative' }, reason: 'the employer\'s name misspelt' };
  });
  afterEach(() => server.close());

  it('records the correction once when it is sent three times with one key, and answers the retries the first 201, marked replayed', async () => {
    const answers = [await send(correction, 'k-three'), await send(correction, 'k-three'), await send(correction, 'k-three')];
    expect(answers.map((a) => [a.status, a.replayed])).toEqual([[201, null], [201, 'true'], [201, 'true']]);
    expect(JSON.parse(answers[0]?.text ?? '')).toMatchObject({ householdId: HH, appended: [expect.objectContaining({ type: 'EventCorrected' })], unchanged: false });
    expect(answers.map((a) => a.text)).toEqual(Array(3).fill(answers[0]?.text));
    expect(corrections()).toBe(1);
    // Without a key, nothing changes: the same correction is recorded again (decision 147's rule for what carries no key).
    expect((await send(correction)).status).toBe(201);
    expect(corrections()).toBe(2);
  });

  it('refuses the same key with another body 422 IDEMPOTENCY_KEY_REUSED naming the header, deciding nothing', async () => {
    await send(correction, 'k-other');
    const other = await send({ ...correction, reason: 'another reason' }, 'k-other');
    expect([other.status, JSON.parse(other.text)]).toEqual([422, { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('another body'), field: 'Idempotency-Key' }]);
    expect(corrections()).toBe(1);
  });

  it('records one correction for 20 requests sent at once with one key: the others are the replay or 409 IDEMPOTENCY_KEY_IN_USE', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(correction, 'k-twenty')));
    const first = answers.filter((a) => a.status === 201 && a.replayed === null);
    expect(first).toHaveLength(1);
    for (const a of answers.filter((x) => x !== first[0])) {
      if (a.status === 201) expect([a.replayed, a.text]).toEqual(['true', first[0]?.text]);
      else expect([a.status, JSON.parse(a.text).code, JSON.parse(a.text).field, a.retryAfter]).toEqual([409, 'IDEMPOTENCY_KEY_IN_USE', 'Idempotency-Key', String(IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER)]);
    }
    expect(corrections()).toBe(1);
  });

  it('refuses an empty, too long or repeated key 400 INVALID_HEADER naming Idempotency-Key, appending nothing', async () => {
    const before = storedTypes();
    for (const key of ['', 'x'.repeat(256), ['k-1', 'k-2']]) {
      const refused = await send(correction, key);
      expect({ key, status: refused.status, body: JSON.parse(refused.text) }).toEqual({ key, status: 400, body: { code: 'INVALID_HEADER', message: expect.stringContaining('Idempotency-Key'), field: 'Idempotency-Key' } });
    }
    expect(storedTypes()).toEqual(before);
  });

  it('replays a refusal as it was answered, though the household has changed since: the withdrawal refused before the application stays refused', async () => {
    // A household surveyed but never applied for identification: nothing to withdraw yet.
    const other = 'hh-idem-refused';
    for (const command of journey(other, WILLOW).slice(0, 2)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    const withdraw = { type: 'WithdrawApplication', householdId: other, on: '2016-03-01', commandId: 'w1' };
    const first = await send(withdraw, 'k-refused');
    expect([first.status, JSON.parse(first.text).code, first.replayed]).toEqual([422, 'NO_APPLICATION', null]);
    expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: { type: 'ApplyForIdentification', householdId: other, on: '2016-03-01' } })).status).toBe(201);
    const again = await send(withdraw, 'k-refused');
    expect([again.status, again.text, again.replayed]).toEqual([422, first.text, 'true']);
  });

  it('keeps a value the codec refused and quoted out of the store, and replays its 400 byte for byte', async () => {
    const typo = { type: 'RecordFollowUp', householdId: HH, on: '2016-09-30', visitId: 'v-1', findings: 'ok', stillEmployed: 'Zhang Wei', laborConcerns: [] };
    const first = await send(typo, 'k-typo');
    expect([first.status, JSON.parse(first.text)]).toEqual([400, expect.objectContaining({ code: 'INVALID_COMMAND', field: 'stillEmployed', message: expect.stringContaining('Zhang Wei') })]);
    const again = await send(typo, 'k-typo');
    expect([again.status, again.text, again.replayed]).toEqual([400, first.text, 'true']);
    const db = new Database(server.storePath, { readonly: true });
    const kept = db.prepare("SELECT data FROM events WHERE stream_id LIKE 'batch-%'").pluck().all() as string[];
    db.close();
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toContain('Zhang Wei');
  });

  it('is the caller\'s key on both routes: a key first sent to the other route is another request (422), the same bytes too, and each route replays its own', async () => {
    const one = await send(correction, 'k-one');
    const batch = [correction];
    // The batch route reads the single route's record (the same BatchAnswered shape) and refuses it as another body.
    expect(JSON.parse((await send(batch, 'k-one', '/api/commands/batch')).text)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    const batchAnswer = await send(batch, 'k-batch', '/api/commands/batch');
    expect(batchAnswer.status).toBe(200);
    // The batch's very bytes sent to the single route are not answered the batch's answer.
    const sameBytes = await send(batch, 'k-batch');
    expect([sameBytes.status, JSON.parse(sameBytes.text).code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect([await send(correction, 'k-one'), await send(batch, 'k-batch', '/api/commands/batch')].map((a) => [a.status, a.text, a.replayed])).toEqual([
      [201, one.text, 'true'],
      [200, batchAnswer.text, 'true'],
    ]);
    expect(corrections()).toBe(2);
  });
});
