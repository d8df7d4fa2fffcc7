import Database from 'better-sqlite3';
import { identified, journey } from './support/journey';
import { Answer, Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

const referral = (householdId: string, referralId: string, commandId: string) => ({
  type: 'ReferToJob', householdId, on: '2016-05-02', referralId, memberId: `${householdId}-a`,
  employer: 'Cooperative', position: 'Seamstress', place: 'local', form: 'enterprise', offeredMonthlyWage: 2600, commandId,
});

/** POST /api/commands/batch: each command answered as it would have been alone (decision 27), and every answer true. */
describe('a batch of commands', () => {
  let server: Server;
  const batch = (json: unknown) => server.request('POST', '/api/commands/batch', { token: TOKENS.willow, json });
  const events = async (householdId: string) => (await server.request('GET', `/api/households/${householdId}`, { token: TOKENS.auditor })).body.events as { type: string }[];
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('answers a command the ledger refuses in the middle on its own: the others are applied, it appends nothing', async () => {
    const first = await batch([...identified('hh-b1', WILLOW), { type: 'ClearHousehold', householdId: 'hh-b1', on: '2016-04-02' }, referral('hh-b1', 'r-1', 'c-1')]);
    expect(first.status).toBe(200);
    expect(first.body.map((a: { status: number }) => a.status)).toEqual([201, 201, 201, 201, 422, 201]);
    expect(first.body[4].body).toMatchObject({ code: 'NO_ACTIVE_EMPLOYMENT', field: 'on' });
    expect((await events('hh-b1')).map((e) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied', 'HouseholdIdentified', 'MemberReferred']);
    // Nothing in it asked the client to wait.
    expect(first.retryAfter).toBeNull();
    expect(first.body.some((a: object) => 'retryAfterSeconds' in a)).toBe(false);
  });

  it('passes on the Retry-After of a command the store was too busy to take: on its answer, and the longest as the batch\'s header', async () => {
    for (const command of identified('hh-busy', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    const alone = (json: unknown) => server.request('POST', '/api/commands', { token: TOKENS.willow, json });
    // Another process holds the write lock through SQLite's bounded wait (as faults.e2e does).
    const other = new Database(server.storePath);
    other.prepare('BEGIN IMMEDIATE').run();
    let single: Answer;
    let answer: Answer;
    try {
      single = await alone(referral('hh-busy', 'r-busy', 'c-busy'));
      answer = await batch([{ type: 'ClearHousehold', householdId: 'hh-busy' }, referral('hh-busy', 'r-busy', 'c-busy'), referral('hh-busy', 'r-after', 'c-after')]);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect([single.status, single.body.code]).toEqual([503, 'STORE_BUSY']);
    expect(answer.status).toBe(200);
    // The codec's refusal needs no store and asks for no wait; the busy command says what it would have said alone.
    expect(answer.body[0]).toEqual({ status: 400, body: expect.objectContaining({ code: 'INVALID_COMMAND', field: 'on' }) });
    expect(answer.body[1]).toEqual({ status: 503, body: single.body, retryAfterSeconds: Number(single.retryAfter) });
    // The command after it is not tried (it would wait out the same lock), and says so with the same status, code and wait.
    expect(answer.body[2]).toEqual({ status: 503, body: { code: 'STORE_BUSY', message: expect.stringContaining('not tried: command 1 of the batch met STORE_BUSY') }, retryAfterSeconds: Number(single.retryAfter) });
    expect(answer.retryAfter).toBe(single.retryAfter);
    expect((await events('hh-busy')).map((e) => e.type)).not.toContain('MemberReferred');
    // Sent again once the store is free, the busy command and the one after it are taken.
    expect((await batch([referral('hh-busy', 'r-busy', 'c-busy'), referral('hh-busy', 'r-after', 'c-after')])).body.map((a: { status: number }) => a.status)).toEqual([201, 201]);
  });

  it('retried whole after a lost answer appends nothing again: each command with a commandId is answered "unchanged"', async () => {
    const commands = identified('hh-b2', WILLOW).map((c, i) => ({ ...c, commandId: `b2-${i}` }));
    expect((await batch(commands)).body.map((a: { body: { unchanged: boolean } }) => a.body.unchanged)).toEqual([false, false, false, false]);
    const again = await batch(commands);
    expect(again.body).toEqual(commands.map(() => ({ status: 201, body: { householdId: 'hh-b2', appended: [], unchanged: true } })));
    expect(await events('hh-b2')).toHaveLength(4);
  });

  it('answers the commands before and after one that meets a damaged stream, instead of a 500 for the batch that hides what was appended', async () => {
    for (const command of journey('hh-damaged', WILLOW).slice(0, 2)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
    const db = new Database(server.storePath);
    db.prepare("UPDATE events SET data = '{not json' WHERE stream_id = 'household-hh-damaged' AND version = 1").run();
    db.close();
    const [registerA] = journey('hh-b3', WILLOW);
    const [registerB] = journey('hh-b4', WILLOW);
    const answer = await batch([registerA, { type: 'ApplyForIdentification', householdId: 'hh-damaged', on: '2016-03-01' }, registerB]);
    expect(answer.status).toBe(200);
    expect(answer.body.map((a: { status: number }) => a.status)).toEqual([201, 500, 201]);
    expect(answer.body[0].body.appended).toHaveLength(1);
    expect(answer.body[1].body).toMatchObject({ code: 'DAMAGED_LOG' });
    expect(answer.body[2].body.appended).toHaveLength(1);
  });
});
