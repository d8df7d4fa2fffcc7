import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hearth } from './support/cli';
import { EXAMPLES, Server, startServer } from './support/server';
import { TOKENS } from './support/tokens';

interface Entry { position: number; eventId: string; type: string; data: Record<string, unknown> }

/**
 * A CorrectEvent names the `eventId` of the event it corrects (domain.md §4). An imported event
 * was never the 201 of a command, so the history is the only answer that can give its id
 * (decision 197): read there, it is the one the command then takes.
 */
describe('the household history names each event by the id a CorrectEvent takes', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    const imported = hearth(server.store, ['--json', 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]);
    // Exit 3: the example's one deliberate mistake (hh-002 cleared before its employment) is refused.
    expect({ code: imported.code, accepted: JSON.parse(imported.stdout).accepted }).toEqual({ code: 3, accepted: 25 });
  });
  afterAll(() => server.close());

  const history = async (query = '') => {
    const got = await server.request('GET', `/api/households/hh-001${query}`, { token: TOKENS.willow });
    expect(got.status).toBe(200);
    return got.body as { events: Entry[]; laterCorrections: { correctedEventId: string; correctedPosition: number }[] };
  };
  const storedId = (position: number) => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return db.prepare('SELECT event_id FROM events WHERE position = ?').pluck().get(position);
    } finally {
      db.close();
    }
  };
  const correct = (eventId: string) =>
    server.request('POST', '/api/commands', {
      token: TOKENS.willow,
      json: { type: 'CorrectEvent', householdId: 'hh-001', on: '2016-12-31', eventId, correction: { employer: 'Garment co-operative' }, reason: 'the employer\'s name misspelt' },
    });

  it('an imported event, corrected over HTTP by the id its history shows, is accepted (201) and the correction points at that entry', async () => {
    const referred = (await history()).events.find((e) => e.type === 'MemberReferred' && e.data['referralId'] === 'r-2');
    if (referred === undefined) throw new Error('hh-001 has no referral r-2');
    expect(referred.eventId).toBe(storedId(referred.position));
    const corrected = await correct(referred.eventId);
    expect({ status: corrected.status, body: corrected.body }).toEqual({ status: 201, body: expect.objectContaining({ appended: [expect.objectContaining({ type: 'EventCorrected' })] }) });
    const after = (await history()).events.find((e) => e.type === 'EventCorrected');
    expect(after).toMatchObject({ eventId: corrected.body.appended[0].eventId, data: { eventId: referred.eventId, correction: { employer: 'Garment co-operative' } } });
    // As of a date before it, the correction is a later one, and its correctedEventId is an id the events show.
    const asOf = await history('?asOf=2016-12-01');
    expect(asOf.laterCorrections).toEqual([expect.objectContaining({ correctedEventId: referred.eventId, correctedPosition: referred.position })]);
    expect(asOf.events.find((e) => e.position === referred.position)?.eventId).toBe(referred.eventId);
  });

  it('every entry shows the id its event is stored under, and no two entries one id', async () => {
    const { events } = await history();
    expect(events.map((e) => e.eventId)).toEqual(events.map((e) => storedId(e.position)));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });
});
