import * as E from 'fp-ts/Either';
import { parseCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import { Server, startServer } from './support/server';
import { STONE_BRIDGE, TOKENS, WILLOW } from './support/tokens';

/**
 * A caseworker's scope is the household's division now, read from its stream for every
 * command; the service keeps each household's fold and reads only what was stored after
 * it (decision 203). These are what that must keep: the cost of a command does not grow
 * with the stream, and the scope follows every correction of the registration's division,
 * this service's and another store instance's, once the fold is kept.
 */
describe('the household a caseworker\'s command names', () => {
  let server: Server;
  const member = (householdId: string) => `${householdId}-a`;
  const registered = (householdId: string, divisionCode: string) => ({
    type: 'RegisterHousehold', householdId, on: '2016-02-01', divisionCode, members: [{ memberId: member(householdId), birthYear: 1980 }],
  });
  const surveyed = (householdId: string) => ({
    type: 'SurveyHousehold', householdId, on: '2016-02-10', householdSize: 1, povertyCauses: ['lack-of-skills'],
    members: [{ memberId: member(householdId), health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: ['enterprise'], preferredPlaces: ['local'], wantsSelfEmployment: false, trainingNeeds: [] }],
  });
  let referrals = 0;
  const referral = (householdId: string) => ({
    type: 'ReferToJob', householdId, on: '2016-05-02', referralId: `r-${(referrals += 1)}`, memberId: member(householdId), employer: 'Cooperative', position: 'Seamstress', place: 'local', form: 'enterprise', offeredMonthlyWage: 2600,
  });
  const moved = (householdId: string, eventId: string, divisionCode: string) => ({ type: 'CorrectEvent', householdId, on: '2016-03-01', eventId, correction: { divisionCode }, reason: 'registered in the wrong village' });
  const send = (token: string, json: unknown) => server.request('POST', '/api/commands', { token, json });
  /** Registered in Willow and surveyed by Willow's caseworker, whose scope check has then read it: the registration's id. */
  const inWillow = async (householdId: string): Promise<string> => {
    const registration = await send(TOKENS.willow, registered(householdId, WILLOW));
    expect(registration.status).toBe(201);
    expect((await send(TOKENS.willow, surveyed(householdId))).status).toBe(201);
    return registration.body.appended[0].eventId;
  };
  /** Which of the two villages' caseworkers may send a command on the household now. */
  const mayWork = async (householdId: string) => ({
    willow: (await send(TOKENS.willow, referral(householdId))).status,
    stoneBridge: (await send(TOKENS.stoneBridge, referral(householdId))).status,
  });

  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(() => server.close());

  it('is not read whole again for each command: a batch of 300 on one household reads a few events of its stream per command', async () => {
    const HH = 'hh-long';
    await inWillow(HH);
    const ledger: Ledger = server.app.get(HEARTH_LEDGER);
    const read = ledger.store.readStream.bind(ledger.store);
    let eventsRead = 0;
    const reads = jest.spyOn(ledger.store, 'readStream').mockImplementation(async (streamId, opts) => {
      const events = await read(streamId, opts);
      if (streamId === `household-${HH}`) eventsRead += events.length;
      return events;
    });
    try {
      const batch = await server.request('POST', '/api/commands/batch', { token: TOKENS.willow, json: Array.from({ length: 300 }, () => referral(HH)) });
      expect(batch.body.filter((a: { status: number }) => a.status === 201)).toHaveLength(300);
    } finally {
      reads.mockRestore();
    }
    // Each command reads back the event it appended, and the next one's scope check reads it once more; a fold of
    // the whole stream per command would read ~45,000.
    expect(eventsRead).toBeLessThanOrEqual(3 * 300);
  });

  it('follows a correction of the registration\'s division this service recorded after it read the household', async () => {
    const HH = 'hh-moved-here';
    const registration = await inWillow(HH);
    expect(await mayWork(HH)).toEqual({ willow: 201, stoneBridge: 403 });
    // The township's caseworker holds both villages, and moves the household between them.
    expect((await send(TOKENS.township, moved(HH, registration, STONE_BRIDGE))).status).toBe(201);
    expect(await mayWork(HH)).toEqual({ willow: 403, stoneBridge: 201 });
    expect((await send(TOKENS.township, moved(HH, registration, WILLOW))).status).toBe(201);
    expect(await mayWork(HH)).toEqual({ willow: 201, stoneBridge: 403 });
  });

  it('follows a correction another store instance appended to the same file (another process\'s writer)', async () => {
    const HH = 'hh-moved-elsewhere';
    const registration = await inWillow(HH);
    expect(await mayWork(HH)).toEqual({ willow: 201, stoneBridge: 403 });
    const other = await Ledger.open({ storeUrl: server.store, policy: referencePolicy, actor: 'other-process' });
    try {
      const correct = async (divisionCode: string) => {
        const command = parseCommand(moved(HH, registration, divisionCode));
        if (E.isLeft(command)) throw new Error(command.left.message);
        expect((await other.commandHandler().handle(command.right, other.context())).status).toBe('accepted');
      };
      await correct(STONE_BRIDGE);
      const refused = await send(TOKENS.willow, referral(HH));
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([403, 'FORBIDDEN', 'householdId']);
      expect((await send(TOKENS.stoneBridge, referral(HH))).status).toBe(201);
      await correct(WILLOW);
      expect(await mayWork(HH)).toEqual({ willow: 201, stoneBridge: 403 });
    } finally {
      await other.close();
    }
  });
});
