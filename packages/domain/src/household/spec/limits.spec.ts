import * as E from 'fp-ts/Either';
import { EMPLOYMENTS_AT_MOST, MEMBERS_AT_MOST } from '../limits';
import { ev, HouseholdEventC } from '../events';
import { applied, command as c, employed, type GivenFact, identifiedHousehold, registered, surveyed, willing } from '../../testing/fixtures';
import { decisionOf, rejectionOf, stateAfter } from '../../testing/given-when-then';

/**
 * An event the Decider appends decodes under its own codec (decision 199): the lists an
 * identification and a clearance record are bounded, so what a household may grow to is too.
 * Before, a household of 50 registered members and one added was identified with an event of
 * 51 eligible members that its codec refused: stored, then read back as a damaged event that
 * stopped every later command on the household and every catch-up of the read models.
 */
const fifty = Array.from({ length: MEMBERS_AT_MOST }, (_, i) => ({ memberId: `m${i + 1}`, birthYear: 1980 }));

const appendedDecode = (facts: Parameters<typeof decisionOf>[0], cmd: Parameters<typeof decisionOf>[1]) => {
  const d = decisionOf(facts, cmd);
  if (E.isLeft(d)) throw new Error(`rejected: ${d.left.code}`);
  return d.right.map((e) => HouseholdEventC.decode(e)).map(E.isRight);
};

describe('what one household records holds', () => {
  it(`names at most ${MEMBERS_AT_MOST} members: one more is LIMIT_REACHED, and a member removed keeps its place`, () => {
    expect(rejectionOf([registered(fifty)], c('AddMember', { memberId: 'm51', birthYear: 1990 }))).toMatchObject({ code: 'LIMIT_REACHED', fields: [{ path: 'memberId' }] });
    const removed: GivenFact = { event: ev('MemberRemoved', { memberId: 'm1', reason: 'moved out' }), on: '2016-01-11' };
    expect(stateAfter([registered(fifty), removed]).members.get('m1')?.removed).toBe(true);
    expect(rejectionOf([registered(fifty), removed], c('AddMember', { memberId: 'm51', birthYear: 1990, on: '2016-01-12' }))?.code).toBe('LIMIT_REACHED');
    expect(rejectionOf([registered(fifty.slice(1))], c('AddMember', { memberId: 'm51', birthYear: 1990 }))).toBeUndefined();
  });

  it(`identifies a household of ${MEMBERS_AT_MOST} eligible members with an event that decodes`, () => {
    const all = [registered(fifty), surveyed(fifty.map((m) => willing(m.memberId))), applied()];
    expect(appendedDecode(all, c('IdentifyHousehold', {}))).toEqual([true]);
  });

  it(`records at most ${EMPLOYMENTS_AT_MOST} employments, and clears a household with all of them active by an event that decodes`, () => {
    const jobs = Array.from({ length: EMPLOYMENTS_AT_MOST }, (_, i) => employed(`e${i}`));
    const job = { employmentId: 'e-more', memberId: 'm1', form: 'flexible' as const, place: 'local' as const, monthlyIncome: 2000, contractSigned: false };
    expect(rejectionOf([...identifiedHousehold, ...jobs], c('RecordEmployment', job))).toMatchObject({ code: 'LIMIT_REACHED', fields: [{ path: 'employmentId' }] });
    expect(rejectionOf([...identifiedHousehold, ...jobs.slice(1)], c('RecordEmployment', job))).toBeUndefined();
    expect(appendedDecode([...identifiedHousehold, ...jobs], c('ClearHousehold', { on: '2016-06-15' }))).toEqual([true]);
  });
});
