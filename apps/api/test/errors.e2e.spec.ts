import * as E from 'fp-ts/Either';
import { ErrorBodyC } from '../src/api-bodies';
import { identified, journey } from './support/journey';
import { Answer, Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

const expectError = (answer: Answer, status: number, code: string, field?: string) => {
  expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
  expect(E.isRight(ErrorBodyC.decode(answer.body))).toBe(true);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.cacheControl).toBe('no-store');
  expect(answer.body.message).toEqual(expect.any(String));
  if (field !== undefined) expect(answer.body.field).toBe(field);
};

describe('every error class, with its status and body', () => {
  let server: Server;
  const post = (json: unknown, token: string = TOKENS.willow) => server.request('POST', '/api/commands', { token, json });
  beforeAll(async () => {
    server = await startServer({ bodyLimit: '4kb' });
    for (const command of identified('hh-err', WILLOW)) expect((await post(command)).status).toBe(201);
  });
  afterAll(() => server.close());

  describe('400 INVALID_COMMAND names the field', () => {
    it('a mistyped nested field', async () => {
      const [register] = journey('hh-bad', WILLOW);
      expectError(await post({ ...register, members: [{ memberId: 'm1', birthYear: 1800 }] }), 400, 'INVALID_COMMAND', 'members.0.birthYear');
    });
    it('a missing field', async () => {
      expectError(await post({ type: 'IdentifyHousehold', householdId: 'hh-err' }), 400, 'INVALID_COMMAND', 'on');
    });
    it('an impossible date', async () => {
      expectError(await post({ type: 'IdentifyHousehold', householdId: 'hh-err', on: '2016-02-30' }), 400, 'INVALID_COMMAND', 'on');
    });
    it('a date after the day the command is recorded, appending nothing (ADR 135)', async () => {
      const [register] = journey('hh-later', WILLOW);
      expectError(await post({ ...register, on: '2099-01-10' }), 400, 'INVALID_COMMAND', 'on');
      expect((await server.request('GET', '/api/households/hh-later', { token: TOKENS.willow })).status).toBe(404);
    });
    it('a member born after the year of the command (ADR 133)', async () => {
      const [register] = journey('hh-unborn', WILLOW) as [{ members: unknown[] }];
      expectError(await post({ ...register, members: [...register.members, { memberId: 'm-late', birthYear: 2099 }] }), 400, 'INVALID_COMMAND', `members.${register.members.length}.birthYear`);
    });
    it('an unknown field (never silently dropped)', async () => {
      expectError(await post({ type: 'IdentifyHousehold', householdId: 'hh-err', on: '2016-05-01', ethnicity: 'x' }), 400, 'INVALID_COMMAND', 'ethnicity');
    });
    it('a key given twice (neither value silently dropped), appending nothing', async () => {
      const before = (await server.request('GET', '/api/households/hh-err', { token: TOKENS.willow })).body.events.length;
      const twice = '{"type":"ReferToJob","householdId":"hh-err","on":"2016-05-02","on":"2016-06-02","referralId":"r-twice","memberId":"hh-err-a","employer":"Co","position":"Cook","place":"local","form":"enterprise","offeredMonthlyWage":2600}';
      expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body: twice, contentType: 'application/json' }), 400, 'INVALID_COMMAND', 'on');
      const [register] = journey('hh-twice', WILLOW);
      const nested = JSON.stringify(register).replace('"birthYear":1980', '"birthYear":1980,"birthYear":1981');
      expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body: nested, contentType: 'application/json' }), 400, 'INVALID_COMMAND', 'members.0.birthYear');
      expect((await server.request('GET', '/api/households/hh-err', { token: TOKENS.willow })).body.events).toHaveLength(before);
      expect((await server.request('GET', '/api/households/hh-twice', { token: TOKENS.willow })).status).toBe(404);
    });
    it('an unknown command type', async () => {
      expectError(await post({ type: 'DeleteHousehold', householdId: 'hh-err', on: '2016-05-01' }), 400, 'INVALID_COMMAND', 'type');
    });
    it('a body that is not JSON', async () => {
      expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body: '{"type": ', contentType: 'application/json' }), 400, 'INVALID_COMMAND', '');
    });
    it.each([['null', null], ['an array', []], ['a string', 'RegisterHousehold'], ['a number', 7]])('a body that is %s', async (_what, body) => {
      expectError(await post(body), 400, 'INVALID_COMMAND', '');
    });
    it('a __proto__ key', async () => {
      const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, body: '{"type":"IdentifyHousehold","householdId":"hh-err","on":"2016-05-01","__proto__":{"x":1}}', contentType: 'application/json' });
      expectError(answer, 400, 'INVALID_COMMAND', '__proto__');
    });
    it('a batch that is not an array', async () => {
      expectError(await server.request('POST', '/api/commands/batch', { token: TOKENS.willow, json: { type: 'IdentifyHousehold' } }), 400, 'INVALID_COMMAND', '');
    });
  });

  describe('400 INVALID_QUERY names the parameter', () => {
    it.each([
      ['/api/reports/clearance?year=20x6', 'year'],
      ['/api/reports/clearance?year=1800', 'year'],
      ['/api/reports/clearance', 'year'],
      ['/api/reports/monthly?month=2016-13', 'month'],
      ['/api/reports/clearance?year=2016&byChild=maybe', 'byChild'],
      ['/api/reports/clearance?year=2016&colour=red', 'colour'],
      ['/api/reports/clearance?year=2016&year=2017', 'year'],
      ['/api/reports/backlog?asOf=yesterday', 'asOf'],
      ['/api/households/hh-err?asOf=2016-02-30', 'asOf'],
      ['/api/households/a%20b', 'householdId'],
      ['/api/verify?notices=-1', 'notices'],
      ['/api/verify?notices=10001', 'notices'],
      ['/api/verify/notices?after=1e3', 'after'],
      ['/api/verify/notices?limit=0', 'limit'],
      ['/api/verify/notices?limit=many', 'limit'],
      ['/api/verify/notices?from=3', 'from'],
    ])('%s', async (path, field) => {
      expectError(await server.request('GET', path, { token: TOKENS.auditor }), 400, 'INVALID_QUERY', field);
    });
  });

  describe('400 INVALID_QUERY names a path parameter that is not valid percent-encoding, which Express refuses before any route', () => {
    it.each([
      ['GET', '/api/households/%zz', TOKENS.auditor, 'householdId', '%zz'],
      ['GET', '/api/households/%E0%A4%A', TOKENS.auditor, 'householdId', '%E0%A4%A'],
      ['GET', '/api/households/hh-err/members/m%E0/personal-data?purpose=check', TOKENS.registrar, 'memberId', 'm%E0'],
      ['GET', '/api/households/%zz/members/m1/personal-data?purpose=check', TOKENS.registrar, 'householdId', '%zz'],
      ['DELETE', '/api/households/hh%ZZ/personal-data?purpose=check', TOKENS.registrar, 'householdId', 'hh%ZZ'],
      ['GET', '/api/docs/%zz', undefined, 'file', '%zz'],
      ['GET', '/dashboard/%zz', undefined, 'path', '%zz'],
    ])('%s %s', async (method, path, token, field, raw) => {
      const answer = await server.request(method, path, token === undefined ? {} : { token });
      expectError(answer, 400, 'INVALID_QUERY', field);
      expect(answer.body.message).toBe(`${field}: "${raw}" is not valid percent-encoding (each % begins two hex digits, and the bytes they make are UTF-8)`);
    });
  });

  it('401 UNAUTHENTICATED without a token, with an unknown one, or another scheme', async () => {
    expectError(await server.request('POST', '/api/commands', { json: identified('hh-x', WILLOW)[0] }), 401, 'UNAUTHENTICATED');
    expectError(await server.request('GET', '/api/verify', { token: 'not-a-token-of-this-service' }), 401, 'UNAUTHENTICATED');
    expectError(await server.request('GET', '/api/verify', { headers: { authorization: `Basic ${TOKENS.auditor}` } }), 401, 'UNAUTHENTICATED');
    expectError(await server.request('GET', '/api/verify', { token: `${TOKENS.auditor}x` }), 401, 'UNAUTHENTICATED');
  });

  it('403 FORBIDDEN for a role that may not, and for an actor other than the token’s', async () => {
    expectError(await post({ type: 'IdentifyHousehold', householdId: 'hh-err', on: '2016-05-01' }, TOKENS.auditor), 403, 'FORBIDDEN');
    expectError(await post({ type: 'ClearHousehold', householdId: 'hh-err', on: '2016-05-01', actor: 'someone-else' }), 403, 'FORBIDDEN', 'actor');
  });

  it('404 for an unknown household, an unknown division and an unknown route', async () => {
    expectError(await server.request('GET', '/api/households/hh-nobody', { token: TOKENS.auditor }), 404, 'UNKNOWN_HOUSEHOLD', 'householdId');
    expectError(await server.request('GET', '/api/reports/clearance?year=2016&division=NOWHERE', { token: TOKENS.auditor }), 404, 'UNKNOWN_DIVISION', 'division');
    expectError(await server.request('GET', '/api/nothing-here', { token: TOKENS.auditor }), 404, 'NOT_FOUND');
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a method a route does not answer; nothing is recorded', async () => {
    const allowed = async (method: string, path: string, allow: string, json?: unknown) => {
      const answer = await server.request(method, path, { token: TOKENS.willow, ...(json !== undefined ? { json } : {}) });
      expectError(answer, 405, 'METHOD_NOT_ALLOWED');
      expect(answer.allow).toBe(allow);
    };
    await allowed('GET', '/api/commands', 'POST');
    await allowed('DELETE', '/api/commands/batch', 'POST');
    await allowed('PUT', '/api/households/hh-err', 'GET, HEAD', identified('hh-err', WILLOW)[0]);
    await allowed('POST', '/api/verify?notices=3', 'GET, HEAD', {});
    await allowed('PATCH', '/api/households/hh-err/members/m1/personal-data', 'GET, HEAD, PUT', {});
    await allowed('POST', '/dashboard/app.js', 'GET, HEAD', {});
    // Without a body, or with one of another type: no route would read it, so the method is what is wrong (not a 415).
    const bodiless = await server.request('POST', '/api/verify', { token: TOKENS.willow });
    expectError(bodiless, 405, 'METHOD_NOT_ALLOWED');
    expect(bodiless.allow).toBe('GET, HEAD');
    expectError(await server.request('PUT', '/api/households/hh-err', { token: TOKENS.willow, body: 'x', contentType: 'text/plain' }), 405, 'METHOD_NOT_ALLOWED');
    // Without a token too, like a 404: which methods a path takes is in the public OpenAPI document.
    expect((await server.request('DELETE', '/api/verify')).allow).toBe('GET, HEAD');
    expect((await server.request('GET', '/api/households/hh-err', { token: TOKENS.auditor })).body.events).toHaveLength(4);
    // A path no route has, under any method, stays 404 without Allow.
    const nowhere = await server.request('DELETE', '/api/nothing-here', { token: TOKENS.auditor });
    expectError(nowhere, 404, 'NOT_FOUND');
    expect(nowhere.allow).toBeNull();
    expectError(await server.request('POST', '/api/nothing-here', { token: TOKENS.willow }), 404, 'NOT_FOUND');
  });

  it("404 UNKNOWN_DIVISION for a division named like a machine's error code, not the store's 503 or 507", async () => {
    for (const division of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'ENOSPC'])
      expectError(await server.request('GET', `/api/reports/clearance?year=2016&division=${division}`, { token: TOKENS.auditor }), 404, 'UNKNOWN_DIVISION', 'division');
  });

  it('413 PAYLOAD_TOO_LARGE above the body limit, and for a batch of too many commands', async () => {
    const [register] = journey('hh-big', WILLOW);
    expectError(await post({ ...register, note: 'x'.repeat(5000) }), 413, 'PAYLOAD_TOO_LARGE');
    const many = Array.from({ length: 1001 }, () => 0);
    const small = await startServer({ maxBatch: 3 });
    try {
      expectError(await small.request('POST', '/api/commands/batch', { token: TOKENS.willow, json: many.slice(0, 4) }), 413, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for anything but application/json', async () => {
    const body = JSON.stringify(journey('hh-media', WILLOW)[0]);
    expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body, contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body, contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body, contentType: 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body, contentType: 'application/json', headers: { 'content-encoding': 'gzip' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await server.request('POST', '/api/commands', { token: TOKENS.willow, body }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, body, contentType: 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it("422 with the domain's code and the field it is about (ADR 148), appending nothing", async () => {
    const before = await server.request('GET', '/api/households/hh-err', { token: TOKENS.auditor });
    expectError(await post({ type: 'ClearHousehold', householdId: 'hh-err', on: '2016-06-01' }), 422, 'NO_ACTIVE_EMPLOYMENT', 'on');
    expectError(await post({ type: 'RecordRelapse', householdId: 'hh-err', on: '2016-06-01', reason: 'none' }), 422, 'NOT_CLEARED', 'householdId');
    expectError(await post({ type: 'ApplyForIdentification', householdId: 'hh-err', on: '2015-01-01' }), 422, 'BACKDATED', 'on');
    expectError(await post({ type: 'IdentifyHousehold', householdId: 'hh-nobody', on: '2016-06-01' }), 422, 'UNKNOWN_HOUSEHOLD', 'householdId');
    expectError(await post({ type: 'DeclareWillingness', householdId: 'hh-err', on: '2016-06-01', memberId: 'hh-err-z' }), 422, 'UNKNOWN_MEMBER', 'memberId');
    expectError(await post({ type: 'AcceptReferral', householdId: 'hh-err', on: '2016-06-01', referralId: 'r-none' }), 422, 'OFFER_NOT_OPEN', 'referralId');
    const [, survey] = journey('hh-err', WILLOW) as [unknown, { members: { memberId: string }[] }];
    const stranger = { ...survey, on: '2016-06-01', members: [...survey.members, { ...survey.members[0], memberId: 'hh-err-z' }] };
    expectError(await post(stranger), 422, 'UNKNOWN_MEMBER', 'members.1.memberId');
    const after = await server.request('GET', '/api/households/hh-err', { token: TOKENS.auditor });
    expect(after.body.events).toEqual(before.body.events);
  });

  it("422 UNKNOWN_DIVISION for a registration into a division the tree does not hold: a typo is not a division outside the caseworker's", async () => {
    const [register] = journey('hh-typo', WILLOW);
    expectError(await post({ ...register, divisionCode: 'P01C01T01V0l' }), 422, 'UNKNOWN_DIVISION', 'divisionCode');
    expectError(await post({ ...register, divisionCode: 'P01C01T01V0l' }, TOKENS.township), 422, 'UNKNOWN_DIVISION', 'divisionCode');
    // A division the tree holds outside the subtree is still the caseworker's 403.
    expectError(await post(register, TOKENS.stoneBridge), 403, 'FORBIDDEN', 'divisionCode');
    expect((await server.request('GET', '/api/households/hh-typo', { token: TOKENS.auditor })).status).toBe(404);
  });
});
