import Database from 'better-sqlite3';
import { CommandService } from '../src/commands/command-service';
import type { HouseholdDivisions } from '../src/commands/household-divisions';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { STONE_BRIDGE, TOKENS, WILLOW } from './support/tokens';

/**
 * A caseworker's area is asked of the household where it stands before the command goes to the
 * Decider, and again by the Decider on the state it decides from (decision 216): a household
 * moved out of the area in between is refused, 403, and nothing is appended. The move is made
 * exactly there, by a township caseworker, while the village caseworker's check has already
 * seen the household at home. A real server on a real SQLite file.
 */
describe('a caseworker\'s command on a household moved out of their area while it was checked', () => {
  const HH = 'hh-race';
  let server: Server;
  const registration = (): string => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return (db.prepare('SELECT event_id FROM events WHERE stream_id = ? AND version = 0').get(`household-${HH}`) as { event_id: string }).event_id;
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    server = await startServer();
    for (const command of journey(HH, WILLOW).slice(0, 2)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
  });
  afterEach(() => server.close());

  it('is refused 403 FORBIDDEN naming householdId, and appends nothing, though the check before it saw the household in the area', async () => {
    // The command service's own (each module that provides HouseholdDivisions holds one).
    const divisions = (server.app.get(CommandService) as unknown as { divisions: HouseholdDivisions }).divisions;
    const checked = divisions.current.bind(divisions);
    let moves = 0;
    divisions.current = async (householdId: string) => {
      const seen = await checked(householdId);
      // The first check of the village caseworker's command: the household moves to the other village right after it.
      if (householdId === HH && moves++ === 0) {
        const move = { type: 'CorrectEvent', householdId: HH, on: '2016-03-01', eventId: registration(), correction: { divisionCode: STONE_BRIDGE }, reason: 'registered in the wrong village' };
        const moved = await server.request('POST', '/api/commands', { token: TOKENS.township, json: move });
        expect(moved.status).toBe(201);
      }
      return seen;
    };
    const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: { type: 'ApplyForIdentification', householdId: HH, on: '2016-03-01' } });
    expect(moves).toBeGreaterThan(0);
    expect([answer.status, answer.body.code, answer.body.field]).toEqual([403, 'FORBIDDEN', 'householdId']);
    expect(answer.body.message).toBe(`household ${HH} is outside division ${WILLOW} and its subdivisions`); // not where it went: not the caseworker's to read
    const stream = new Database(server.storePath, { readonly: true });
    const types = (stream.prepare('SELECT type FROM events WHERE stream_id = ? ORDER BY version').all(`household-${HH}`) as { type: string }[]).map((e) => e.type);
    stream.close();
    expect(types).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'EventCorrected']);
    // The stone bridge caseworker, whose village it now is, may.
    expect((await server.request('POST', '/api/commands', { token: TOKENS.stoneBridge, json: { type: 'ApplyForIdentification', householdId: HH, on: '2016-03-01' } })).status).toBe(201);
  });
});
