import { EventData, EventType, ev } from '../events';
import { GivenFact, registered, surveyed, unable, willing } from '../../testing/fixtures';
import { stateAfter } from '../../testing/given-when-then';

const fact = <K extends EventType>(type: K, data: EventData<K>, on: string): GivenFact => ({ event: ev(type, data), on }) as GivenFact;

/**
 * A member's labour capacity and willingness are the latest dated survey's or declaration's,
 * whatever order a back-dating allowance let them be recorded in; of two on one date, the
 * one recorded last (decision 130).
 */
describe("a member's capacity and willingness (decision 130)", () => {
  it('a survey dated before the latest one, recorded after it, does not change them', () => {
    const s = stateAfter([registered(), surveyed([{ ...unable('m1'), wantsWork: false }], '2016-05-20'), surveyed([willing('m1')], '2016-04-20')]);
    expect(s.members.get('m1')).toMatchObject({ laborCapacity: 'none', willing: false, capacityOn: '2016-05-20', willingOn: '2016-05-20' });
  });

  it('of two surveys on one date, the one recorded last stands', () => {
    const s = stateAfter([registered(), surveyed([willing('m1')], '2016-05-20'), surveyed([{ ...unable('m1'), wantsWork: false }], '2016-05-20')]);
    expect(s.members.get('m1')).toMatchObject({ laborCapacity: 'none', willing: false });
  });

  it('a declaration dated before a withdrawal, recorded after it, does not make the member willing', () => {
    const s = stateAfter([registered(), surveyed([willing('m1')], '2016-05-20'), fact('WillingnessWithdrawn', { memberId: 'm1' }, '2016-08-10'), fact('WillingnessDeclared', { memberId: 'm1' }, '2016-08-01')]);
    expect(s.members.get('m1')).toMatchObject({ laborCapacity: 'full', willing: false, willingOn: '2016-08-10', capacityOn: '2016-05-20' });
  });

  it('a declaration dated after the latest survey stands against it, and a later survey again against the declaration', () => {
    const declared = [registered(), surveyed([{ ...willing('m1'), wantsWork: false }], '2016-05-20'), fact('WillingnessDeclared', { memberId: 'm1' }, '2016-06-01')];
    expect(stateAfter(declared).members.get('m1')?.willing).toBe(true);
    expect(stateAfter([...declared, surveyed([{ ...willing('m1'), wantsWork: false }], '2016-06-02')]).members.get('m1')?.willing).toBe(false);
  });
});
