import { HILL, LAKE, outcome, Region, startRegion, T, WILLOW } from './support/hand-worked-access';
import { identified } from './support/journey';

/*
 * Who may record what (docs/http-api.md, "Authentication and roles" and "Endpoints"), over
 * the hand-worked region of support/hand-worked-access.ts. Every refusal is checked to leave
 * the log's head where it was (GET /health, read as an auditor), but a caseworker's batch sent
 * with an Idempotency-Key, whose answer is itself recorded (decision 158): there the
 * household's events are counted instead.
 *
 *                               POST /api/commands        POST /api/commands/batch
 *   auditor/analyst/registrar   403 FORBIDDEN (here)      403 FORBIDDEN (here, with and without Idempotency-Key)
 *   no token / unknown token    401 (here)                401 (here)
 *   caseworker, by household    inside 201, outside 403   each item as alone: a mix (here)
 *     the corrected household   old village 403, new 201  (here)
 *     the reorganised one       replaced village 403, successor 201 (here)
 *   registration / correction   into or out of the subtree 403 (here; within a township: roles.e2e.spec.ts)
 *   actor                       another caseworker's name 403, its own 201 (here; an unknown name: errors.e2e.spec.ts)
 *   Idempotency-Key             another village's caseworker sending Willow's key and body is decided, 403 (here)
 */

const refer = (householdId: string, referralId: string, extra: Record<string, unknown> = {}) => ({
  type: 'ReferToJob', householdId, on: '2017-02-01', referralId, memberId: `${householdId}-a`, employer: 'Cooperative', position: 'Picker', place: 'local', form: 'enterprise', offeredMonthlyWage: 1800, ...extra,
});

describe('commands over HTTP: who may record what, household by household', () => {
  let region: Region;
  let referrals = 0;
  const post = (token: string | undefined, json: unknown) => region.server.request('POST', '/api/commands', { ...(token !== undefined ? { token } : {}), json });
  const batch = (token: string | undefined, json: unknown, headers: Record<string, string> = {}) =>
    region.server.request('POST', '/api/commands/batch', { ...(token !== undefined ? { token } : {}), json, headers });
  const events = async (householdId: string): Promise<number> => (await region.server.request('GET', `/api/households/${householdId}`, { token: T.auditor })).body.events.length;

  beforeAll(async () => {
    region = await startRegion();
  });
  afterAll(() => region.server.close());

  describe.each([
    ['an auditor', T.auditor, 403, 'FORBIDDEN'],
    ['an analyst', T.analyst, 403, 'FORBIDDEN'],
    ['a registrar', T.registrar, 403, 'FORBIDDEN'],
    ['a request without a token', undefined, 401, 'UNAUTHENTICATED'],
    ['a request with a token no file lists', T.wrong, 401, 'UNAUTHENTICATED'],
  ])('%s', (_who, token, status, code) => {
    it(`is answered ${status} ${code} for a command, and nothing is recorded`, async () => {
      const head = await region.head();
      expect(outcome(await post(token, refer('hh-willow', `r-${++referrals}`)))).toEqual({ status, code });
      expect(outcome(await post(token, identified('hh-new-by-other-role', WILLOW)[0]))).toEqual({ status, code });
      expect(await region.head()).toBe(head);
    });

    it(`is answered ${status} ${code} for a batch, with or without an Idempotency-Key, and nothing is recorded`, async () => {
      const head = await region.head();
      expect(outcome(await batch(token, [refer('hh-willow', `r-${++referrals}`)]))).toEqual({ status, code });
      expect(outcome(await batch(token, [refer('hh-willow', `r-${++referrals}`)], { 'idempotency-key': `key-${referrals}` }))).toEqual({ status, code });
      expect(await region.head()).toBe(head);
    });
  });

  describe('a caseworker, for a household where it is registered now', () => {
    it.each([
      ['Willow', 'hh-willow', 201, T.willow],
      ['the root', 'hh-stone', 201, T.root],
      ['the province of Willow and Stone Bridge', 'hh-stone', 201, T.p01],
      ['Stone Bridge', 'hh-willow', 403, T.stone],
      ['Hill, in the other province', 'hh-willow', 403, T.hill],
      ['Willow, which held the corrected household before its correction', 'hh-moved', 403, T.willow],
      ['the province Willow is in, which held it too', 'hh-moved', 403, T.p01],
      ['Hill, where its correction put it', 'hh-moved', 201, T.hill],
      ['the province Hill is in', 'hh-moved', 201, T.p02],
      ['Lake, the village the reorganisation replaced', 'hh-lake', 403, T.lake],
      ['Reed, which succeeded Lake', 'hh-lake', 201, T.reed],
    ])('of %s, for %s: %i', async (_who, householdId, status, token) => {
      const head = await region.head();
      const before = await events(householdId);
      const answer = await post(token, refer(householdId, `r-${++referrals}`));
      expect(outcome(answer)).toEqual({ status, code: status === 403 ? 'FORBIDDEN' : undefined });
      if (status === 403) {
        expect(answer.body.field).toBe('householdId');
        expect(await region.head()).toBe(head);
      }
      expect(await events(householdId)).toBe(before + (status === 201 ? 1 : 0));
    });

    it('is answered 422 UNKNOWN_HOUSEHOLD for a household nobody registered, not 403', async () => {
      expect(outcome(await post(T.willow, refer('hh-nobody', 'r-none')))).toEqual({ status: 422, code: 'UNKNOWN_HOUSEHOLD' });
    });
  });

  describe('a caseworker registering or correcting where a household is', () => {
    it('registers into its own village, and is refused another province\'s village, naming divisionCode', async () => {
      expect(outcome(await post(T.willow, identified('hh-willow-2', WILLOW)[0]))).toEqual({ status: 201, code: undefined });
      const head = await region.head();
      const outside = await post(T.willow, identified('hh-willow-3', HILL)[0]);
      expect(outcome(outside)).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect(outside.body.field).toBe('divisionCode');
      expect(await region.head()).toBe(head);
    });

    it('of a replaced village, may no longer register into it: the tree in force does not have it (422, not 201)', async () => {
      const head = await region.head();
      expect(outcome(await post(T.lake, identified('hh-lake-2', LAKE)[0]))).toEqual({ status: 422, code: 'UNKNOWN_DIVISION' });
      expect(await region.head()).toBe(head);
    });

    it('may not correct a registration back out of its subtree, nor correct one it lost', async () => {
      const correction = { type: 'CorrectEvent', householdId: 'hh-moved', on: '2016-06-02', eventId: region.movedRegistration, correction: { divisionCode: WILLOW }, reason: 'back' };
      const head = await region.head();
      const byHill = await post(T.hill, correction);
      expect([byHill.status, byHill.body.code, byHill.body.field]).toEqual([403, 'FORBIDDEN', 'correction.divisionCode']);
      const byWillow = await post(T.willow, correction);
      expect([byWillow.status, byWillow.body.code, byWillow.body.field]).toEqual([403, 'FORBIDDEN', 'householdId']);
      expect(await region.head()).toBe(head);
    });
  });

  describe('a command naming its actor', () => {
    it("is 403 naming actor when it names another caseworker, even one that may work on the household; nothing is recorded", async () => {
      const head = await region.head();
      const answer = await post(T.willow, refer('hh-willow', `r-${++referrals}`, { actor: 'cw-p01' }));
      expect([answer.status, answer.body.code, answer.body.field]).toEqual([403, 'FORBIDDEN', 'actor']);
      expect(outcome(await batch(T.willow, [refer('hh-willow', `r-${++referrals}`, { actor: 'cw-root' })]))).toEqual({ status: 200, code: undefined });
      expect(await region.head()).toBe(head);
    });

    it("is recorded under that name when it repeats the token's own", async () => {
      const answer = await post(T.willow, refer('hh-willow', `r-${++referrals}`, { actor: 'cw-willow' }));
      expect(answer.status).toBe(201);
      const history = await region.server.request('GET', '/api/households/hh-willow', { token: T.auditor });
      expect(history.body.events.at(-1)).toMatchObject({ type: 'MemberReferred', actor: 'cw-willow' });
    });
  });

  describe('a batch mixing households inside and outside the subtree', () => {
    it('answers each command as alone: the allowed ones recorded, the forbidden ones 403 and nothing of them recorded', async () => {
      const before = { willow: await events('hh-willow'), stone: await events('hh-stone'), moved: await events('hh-moved') };
      const head = await region.head();
      const answer = await batch(T.willow, [
        refer('hh-willow', `r-${++referrals}`),
        refer('hh-stone', `r-${++referrals}`),
        refer('hh-moved', `r-${++referrals}`),
        refer('hh-willow', `r-${++referrals}`, { actor: 'cw-hill' }),
        identified('hh-willow-4', HILL)[0],
        identified('hh-willow-4', WILLOW)[0],
      ]);
      expect(answer.status).toBe(200);
      expect(answer.body.map((item: { status: number; body: { code?: string; field?: string } }) => [item.status, item.body.code, item.body.field])).toEqual([
        [201, undefined, undefined],
        [403, 'FORBIDDEN', 'householdId'],
        [403, 'FORBIDDEN', 'householdId'],
        [403, 'FORBIDDEN', 'actor'],
        [403, 'FORBIDDEN', 'divisionCode'],
        [201, undefined, undefined],
      ]);
      expect({ willow: await events('hh-willow'), stone: await events('hh-stone'), moved: await events('hh-moved') }).toEqual({ ...before, willow: before.willow + 1 });
      // Two events and nothing else: the referral in Willow and the registration of hh-willow-4.
      expect(await region.head()).toBe(head + 2);
    });

    it("sent by another village's caseworker with Willow's Idempotency-Key and body, byte for byte, is decided for them (403), not replayed", async () => {
      const body = [refer('hh-willow', `r-${++referrals}`)];
      const willow = await batch(T.willow, body, { 'idempotency-key': 'k-same' });
      expect(willow.body.map((item: { status: number }) => item.status)).toEqual([201]);
      const before = await events('hh-willow');
      const stone = await batch(T.stone, body, { 'idempotency-key': 'k-same' });
      expect(stone.body.map((item: { status: number; body: { code?: string } }) => [item.status, item.body.code])).toEqual([[403, 'FORBIDDEN']]);
      expect(stone.text).not.toContain('eventId');
      expect(await events('hh-willow')).toBe(before);
    });

    it("of the corrected household's new village: it is theirs, Willow's is not", async () => {
      const answer = await batch(T.hill, [refer('hh-moved', `r-${++referrals}`), refer('hh-willow', `r-${++referrals}`)]);
      expect(answer.body.map((item: { status: number }) => item.status)).toEqual([201, 403]);
    });
  });
});
