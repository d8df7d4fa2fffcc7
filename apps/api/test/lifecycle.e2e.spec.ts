import * as E from 'fp-ts/Either';
import { CommandAcceptedC } from '../src/api-bodies';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

describe("a household's whole life through POST /api/commands", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('accepts every step, returns what each appended, then replays the history', async () => {
    const expectedEvents = [
      ['HouseholdRegistered'], ['HouseholdSurveyed'], ['IdentificationApplied'], ['HouseholdIdentified'], ['MemberReferred'],
      ['ReferralAccepted'], ['MemberEmployed'], ['HouseholdCleared'], ['FollowUpVisited'],
    ];
    const positions: number[] = [];
    for (const [i, command] of journey('hh-life', WILLOW).entries()) {
      const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command });
      expect({ step: i, status: answer.status }).toEqual({ step: i, status: 201 });
      expect(E.isRight(CommandAcceptedC.decode(answer.body))).toBe(true);
      expect(answer.body.householdId).toBe('hh-life');
      expect(answer.body.unchanged).toBe(false);
      expect(answer.body.appended.map((a: { type: string }) => a.type)).toEqual(expectedEvents[i]);
      expect(answer.body.appended[0].streamVersion).toBe(i);
      positions.push(...answer.body.appended.map((a: { position: number }) => a.position));
    }
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);

    const history = await server.request('GET', '/api/households/hh-life', { token: TOKENS.willow });
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ householdId: 'hh-life', divisionCode: WILLOW, status: 'cleared', openLaborConcerns: [], asOf: null });
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(expectedEvents.flat());
    expect(history.body.events.map((e: { position: number }) => e.position)).toEqual(positions);
    expect(history.body.events.every((e: { hashOk: boolean; actor: string }) => e.hashOk && e.actor === 'cw-willow')).toBe(true);
    // Replayed through the rules as verify replays it: the ledger recorded every event as decided.
    expect(history.body.anomalies).toEqual([]);
    expect(history.body.members).toEqual([expect.objectContaining({ memberId: 'hh-life-a', employed: true })]);
  });

  it('replays the household as of an earlier date', async () => {
    const asOf = await server.request('GET', '/api/households/hh-life?asOf=2016-04-30', { token: TOKENS.auditor });
    expect(asOf.status).toBe(200);
    expect(asOf.body.status).toBe('identified');
    expect(asOf.body.asOf).toBe('2016-04-30');
    expect(asOf.body.events.map((e: { type: string }) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied', 'HouseholdIdentified']);
  });

  it('answers a repeated command 201 unchanged, appending nothing', async () => {
    const repeat = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: journey('hh-life', WILLOW)[4] });
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual({ householdId: 'hh-life', appended: [], unchanged: true });
    const history = await server.request('GET', '/api/households/hh-life', { token: TOKENS.willow });
    expect(history.body.events).toHaveLength(9);
  });

  it('answers a batch in order, each command as it would have been answered alone', async () => {
    const steps = journey('hh-batch', WILLOW);
    const batch = [steps[0], steps[1], { type: 'ClearHousehold', householdId: 'hh-batch', on: '2016-02-11' }, { type: 'Nope', householdId: 'hh-batch', on: '2016-02-11' }, steps[2]];
    const answer = await server.request('POST', '/api/commands/batch', { token: TOKENS.willow, json: batch });
    expect(answer.status).toBe(200);
    expect(answer.body.map((r: { status: number }) => r.status)).toEqual([201, 201, 422, 400, 201]);
    expect(answer.body[2].body).toMatchObject({ code: 'NOT_IDENTIFIED' });
    expect(answer.body[3].body).toMatchObject({ code: 'INVALID_COMMAND', field: 'type' });
    expect(answer.body[4].body.appended[0]).toMatchObject({ type: 'IdentificationApplied', streamVersion: 2 });
  });
});
