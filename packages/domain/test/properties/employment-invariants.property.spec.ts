import fc from 'fast-check';
import { Fact } from '../../src/household/state';
import { householdCommands, propertyRuns, runHousehold } from '../../src/testing';

/**
 * Checked over the produced events only, with bookkeeping independent of the domain's
 * own state: what an auditor reading the stream would check.
 */

interface Employment {
  readonly memberId: string;
  readonly startedOn: string;
  endedOn?: string;
}

describe('property (c): no MemberEmployed with a referralId that the same member did not accept', () => {
  let referredEmployments = 0;
  let rejectedReferredEmployments = 0;

  it('every MemberEmployed naming a referral follows a ReferralAccepted of that referral by that member', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        const referredMember = new Map<string, string>();
        const acceptedBy = new Map<string, string>();
        for (const { event } of run.facts) {
          if (event.type === 'MemberReferred') referredMember.set(event.data.referralId, event.data.memberId);
          if (event.type === 'ReferralAccepted') {
            expect(referredMember.get(event.data.referralId)).toBe(event.data.memberId);
            acceptedBy.set(event.data.referralId, event.data.memberId);
          }
          if (event.type === 'MemberEmployed' && event.data.referralId !== undefined) {
            referredEmployments += 1;
            expect({ referralId: event.data.referralId, acceptedBy: acceptedBy.get(event.data.referralId) }).toEqual({
              referralId: event.data.referralId,
              acceptedBy: event.data.memberId,
            });
          }
        }
        rejectedReferredEmployments += run.steps.filter(
          (s) => s.command.type === 'RecordEmployment' && s.command.referralId !== undefined && s.decision._tag === 'Left' && s.decision.left.code === 'REFERRAL_NOT_ACCEPTED',
        ).length;
      }),
      propertyRuns(400, process.env),
    );
    // Both sides must have been exercised: referred employments recorded, and refused.
    expect(referredEmployments).toBeGreaterThan(20);
    expect(rejectedReferredEmployments).toBeGreaterThan(20);
  });
});

describe('property (d): no HouseholdCleared without an employment active on that date', () => {
  let clearances = 0;

  it('each HouseholdCleared has an employment started on or before its date, not ended on or before it, of a member still in the household', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        const employments = new Map<string, Employment>();
        const removed = new Set<string>();
        run.facts.forEach(({ event, meta }: Fact) => {
          const on = meta.occurredOn;
          switch (event.type) {
            case 'MemberRemoved':
              removed.add(event.data.memberId);
              break;
            case 'MemberEmployed':
              employments.set(event.data.employmentId, { memberId: event.data.memberId, startedOn: on });
              break;
            case 'EmploymentEnded': {
              const e = employments.get(event.data.employmentId);
              if (e) e.endedOn = on;
              break;
            }
            case 'HouseholdCleared': {
              clearances += 1;
              const active = [...employments.entries()]
                .filter(([, e]) => e.startedOn <= on && (e.endedOn === undefined || e.endedOn > on) && !removed.has(e.memberId))
                .map(([id]) => id)
                .sort();
              expect(active.length).toBeGreaterThan(0);
              // The event records exactly the employments active on the day.
              expect([...event.data.activeEmploymentIds].sort()).toEqual(active);
              break;
            }
            default:
              break;
          }
        });
      }),
      propertyRuns(400, process.env),
    );
    expect(clearances).toBeGreaterThan(20);
  });
});
