import { identified, journey } from './support/journey';
import { Server, startServer } from './support/server';
import { STONE_BRIDGE, TOKENS, WILLOW } from './support/tokens';

describe('roles: caseworkers inside their division, auditors read everything, analysts read suppressed reports', () => {
  let server: Server;
  const post = (token: string, json: unknown) => server.request('POST', '/api/commands', { token, json });
  const get = (token: string, path: string) => server.request('GET', path, { token });
  beforeAll(async () => {
    server = await startServer();
    for (const command of identified('hh-willow', WILLOW)) expect((await post(TOKENS.willow, command)).status).toBe(201);
    for (const command of identified('hh-stone', STONE_BRIDGE)) expect((await post(TOKENS.stoneBridge, command)).status).toBe(201);
  });
  afterAll(() => server.close());

  describe('a caseworker', () => {
    it('may not register a household into another division', async () => {
      const answer = await post(TOKENS.willow, journey('hh-new', STONE_BRIDGE)[0]);
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ code: 'FORBIDDEN', field: 'divisionCode' });
      expect((await get(TOKENS.auditor, '/api/households/hh-new')).status).toBe(404);
    });

    it("may not record anything for another division's household, whatever the command", async () => {
      for (const command of [
        { type: 'ReferToJob', householdId: 'hh-stone', on: '2016-05-02', referralId: 'r-x', memberId: 'hh-stone-a', employer: 'E', position: 'P', place: 'local', form: 'enterprise', offeredMonthlyWage: 1000 },
        { type: 'RegisterHousehold', householdId: 'hh-stone', on: '2016-05-02', divisionCode: WILLOW, members: [{ memberId: 'x', birthYear: 1990 }] },
        { type: 'DeregisterHousehold', householdId: 'hh-stone', on: '2016-05-02', reason: 'moved' },
      ]) {
        const answer = await post(TOKENS.willow, command);
        expect({ type: command.type, status: answer.status, code: answer.body.code }).toEqual({ type: command.type, status: 403, code: 'FORBIDDEN' });
      }
      const history = await get(TOKENS.auditor, '/api/households/hh-stone');
      expect(history.body.events).toHaveLength(4);
    });

    it('may not read the history of a household outside their division, but may inside it', async () => {
      expect((await get(TOKENS.willow, '/api/households/hh-stone')).status).toBe(403);
      expect((await get(TOKENS.willow, '/api/households/hh-willow')).status).toBe(200);
      expect((await get(TOKENS.township, '/api/households/hh-stone')).status).toBe(200);
    });

    it('may work on any household of their subtree', async () => {
      const answer = await post(TOKENS.township, { type: 'ReferToJob', householdId: 'hh-stone', on: '2016-05-02', referralId: 'r-t', memberId: 'hh-stone-a', employer: 'E', position: 'P', place: 'local', form: 'enterprise', offeredMonthlyWage: 1000 });
      expect(answer.status).toBe(201);
      const history = await get(TOKENS.auditor, '/api/households/hh-stone');
      expect(history.body.events.at(-1)).toMatchObject({ type: 'MemberReferred', actor: 'cw-township' });
    });

    it("reads reports of their own division by default, and refuses a division outside it", async () => {
      const own = await get(TOKENS.willow, '/api/reports/clearance?year=2016');
      expect(own.status).toBe(200);
      expect(own.body.division).toBe(WILLOW);
      expect(own.body.identifiedInYear).toBe(1);
      const outside = await get(TOKENS.willow, `/api/reports/monthly?month=2016-04&division=${STONE_BRIDGE}`);
      expect(outside.status).toBe(403);
      expect(outside.body).toMatchObject({ code: 'FORBIDDEN', field: 'division' });
      expect((await get(TOKENS.willow, '/api/reports/clearance?year=2016&division=R')).status).toBe(403);
      expect((await get(TOKENS.willow, '/api/reports/backlog?asOf=2016-12-31&division=P01')).status).toBe(403);
      const township = await get(TOKENS.township, '/api/reports/clearance?year=2016&byChild=true');
      expect(township.body.rows.map((r: { division: string }) => r.division)).toEqual([WILLOW, STONE_BRIDGE]);
    });

    it("may not correct a household's division out of their subtree, but may within it", async () => {
      const registered = await post(TOKENS.township, journey('hh-moving', WILLOW)[0]);
      const eventId = registered.body.appended[0].eventId as string;
      const correction = (divisionCode: string) => ({ type: 'CorrectEvent', householdId: 'hh-moving', on: '2016-02-02', eventId, correction: { divisionCode }, reason: 'registered in the wrong village' });
      const out = await post(TOKENS.willow, correction('P01'));
      expect(out.status).toBe(403);
      expect(out.body).toMatchObject({ code: 'FORBIDDEN', field: 'correction.divisionCode' });
      const within = await post(TOKENS.township, correction(STONE_BRIDGE));
      expect(within.status).toBe(201);
      // Moved: the village it left no longer reaches it, the one it joined does.
      expect((await get(TOKENS.willow, '/api/households/hh-moving')).status).toBe(403);
      expect((await get(TOKENS.stoneBridge, '/api/households/hh-moving')).body).toMatchObject({ divisionCode: STONE_BRIDGE });
    });

    it('may not run the verification', async () => {
      expect((await get(TOKENS.willow, '/api/verify')).status).toBe(403);
    });
  });

  describe('an auditor', () => {
    it('is refused every command', async () => {
      const answer = await post(TOKENS.auditor, journey('hh-audit', WILLOW)[0]);
      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('FORBIDDEN');
      expect((await server.request('POST', '/api/commands/batch', { token: TOKENS.auditor, json: [] })).status).toBe(403);
    });

    it('reads every history, every report, the divisions and the verification', async () => {
      expect((await get(TOKENS.auditor, '/api/households/hh-stone')).status).toBe(200);
      const report = await get(TOKENS.auditor, '/api/reports/clearance?year=2016');
      expect(report.body).toMatchObject({ division: 'R', identifiedInYear: 2 });
      expect(report.body.suppressed).toBeUndefined();
      expect((await get(TOKENS.auditor, '/api/divisions')).body.root).toBe('R');
      const verify = await get(TOKENS.auditor, '/api/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ streams: 4, anomalies: [] }); // the division tree's stream and three households
    });
  });

  describe('an analyst', () => {
    it('is refused histories, commands and the verification', async () => {
      const history = await get(TOKENS.analyst, '/api/households/hh-willow');
      expect(history.status).toBe(403);
      expect(history.body.code).toBe('FORBIDDEN');
      expect((await post(TOKENS.analyst, journey('hh-an', WILLOW)[0])).status).toBe(403);
      expect((await get(TOKENS.analyst, '/api/verify')).status).toBe(403);
    });

    it('reads reports with counts from 1 to 4 suppressed', async () => {
      const report = await get(TOKENS.analyst, '/api/reports/clearance?year=2016&byChild=true&division=P01C01T01');
      expect(report.status).toBe(200);
      for (const row of report.body.rows) {
        expect(row.identifiedInYear).toBeNull();
        expect(row.stockAtEnd).toBeNull();
        expect(row.suppressed).toEqual(expect.arrayContaining(['identifiedInYear', 'stockAtEnd']));
        expect(row.clearedInYear).toBe(0);
      }
    });

    it('gets the backlog as suppressed counts, never the households it lists', async () => {
      const auditor = await get(TOKENS.auditor, '/api/reports/backlog?asOf=2016-04-30');
      expect(auditor.body.referralsOwed.map((r: { householdId: string }) => r.householdId).sort()).toEqual(['hh-stone', 'hh-willow']);
      const analyst = await get(TOKENS.analyst, '/api/reports/backlog?asOf=2016-04-30');
      expect(analyst.status).toBe(200);
      expect(analyst.body).toMatchObject({ division: 'R', asOf: '2016-04-30', referralsOwed: null, clearancePending: 0 });
      expect(analyst.body.suppressed).toContain('referralsOwed');
      expect(analyst.text).not.toContain('hh-');
    });

    it("gets answers that follow the log: tables read again unchanged while it stands, a figure recorded since counted at once", async () => {
      const path = '/api/reports/clearance?year=2016';
      const first = await get(TOKENS.analyst, path);
      // The root's two identified households: a count from 1 to 4, suppressed.
      expect(first.body).toMatchObject({ division: 'R', identifiedInYear: null });
      expect((await get(TOKENS.analyst, path)).body).toEqual(first.body);
      for (const id of ['hh-an1', 'hh-an2', 'hh-an3', 'hh-an4'])
        for (const command of identified(id, WILLOW)) expect((await post(TOKENS.willow, command)).status).toBe(201);
      const after = await get(TOKENS.analyst, path);
      expect(after.body).toMatchObject({ division: 'R', identifiedInYear: 6 });
      expect((await get(TOKENS.auditor, path)).body).toMatchObject({ division: 'R', identifiedInYear: 6 });
    });
  });

  it('health needs no token', async () => {
    const health = await server.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ store: 'ok', live: true });
    expect(health.body.head).toBeGreaterThanOrEqual(9);
    expect(health.body.behind).toBe(health.body.head - health.body.position);
  });
});
