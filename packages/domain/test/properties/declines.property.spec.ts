import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../../src/household/commands';
import { isEligible } from '../../src/household/eligibility';
import { HouseholdState } from '../../src/household/state';
import { arbContext, householdCommands, propertyRuns, runHousehold } from '../../src/testing';
import { outcome, plain, structurallyEqual } from './support';

/**
 * domain.md §1.1: a decline is a neutral fact with no effect on the household's status or
 * on later offers. Take a generated history, pick a point where an offer (training or
 * referral) is open, and compare the history without and with a decline of that offer
 * inserted there. Later commands about that very offer (answering it, finishing the
 * training, an employment naming the referral) are left out of both, since a decline is
 * meant to change those; everything else must come out the same.
 */
type Offer = { kind: 'training' | 'referral'; id: string };

const openOffers = (s: HouseholdState): Offer[] => [
  ...[...s.trainings.entries()].filter(([, t]) => t.status === 'offered').map(([id]) => ({ kind: 'training' as const, id })),
  ...[...s.referrals.entries()].filter(([, r]) => r.status === 'open').map(([id]) => ({ kind: 'referral' as const, id })),
];

const isAbout = (c: HouseholdCommand, o: Offer): boolean =>
  o.kind === 'training'
    ? (c.type === 'AcceptTraining' || c.type === 'DeclineTraining' || c.type === 'CompleteTraining' || c.type === 'LeaveTraining') && c.trainingId === o.id
    : ((c.type === 'AcceptReferral' || c.type === 'DeclineReferral') && c.referralId === o.id) || (c.type === 'RecordEmployment' && c.referralId === o.id);

/**
 * Where the state notes which event a value came from (for corrections, corrected-state.ts):
 * the inserted decline shifts the synthetic event ids `e<n>` of every later event.
 */
const EVENT_REFERENCES = new Set(['eventId', 'registeredBy', 'divisionFrom', 'addedBy', 'capacityFrom', 'willingFrom', 'raisedBy', 'incomeEvents']);
const withoutEventIds = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutEventIds);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).filter(([k]) => !EVENT_REFERENCES.has(k)).map(([k, x]) => [k, withoutEventIds(x)]));
  return v;
};

/** The state with the offer itself and the event log (which event each fact came from) left out: what a decline may not touch. */
const withoutOffer = (s: HouseholdState, o: Offer) => {
  const trainings = new Map(s.trainings);
  const referrals = new Map(s.referrals);
  if (o.kind === 'training') trainings.delete(o.id);
  else referrals.delete(o.id);
  return withoutEventIds(plain({ ...s, trainings, referrals, surveys: new Set(s.surveys.values()) }));
};

const eligibility = (s: HouseholdState, on: string) =>
  [...s.members.values()].map((m) => `${m.memberId}:${isEligible(m, on, arbContext.policy)}`).join(' ');

describe('property (b): declining a training or a referral changes nothing but that offer', () => {
  let compared = 0;

  it('with and without an inserted decline, every later command has the same outcome, status, eligibility and state', () => {
    fc.assert(
      fc.property(householdCommands({ minSteps: 3 }), fc.nat(), fc.nat(), (commands, atSeed, offerSeed) => {
        const base = runHousehold(commands);
        const points = base.steps
          .map((st, i) => ({ i, state: st.before, offers: openOffers(st.before) }))
          .concat([{ i: commands.length, state: base.state, offers: openOffers(base.state) }])
          .filter((p) => p.offers.length > 0 && p.state.status !== 'deregistered');
        if (points.length === 0) return;
        const point = points[atSeed % points.length] as (typeof points)[number];
        const offer = point.offers[offerSeed % point.offers.length] as Offer;
        const on = point.state.latestOn as string;
        const householdId = commands[0]?.householdId as string;
        const decline: HouseholdCommand =
          offer.kind === 'training'
            ? { type: 'DeclineTraining', householdId, on, trainingId: offer.id, reason: 'not now' }
            : { type: 'DeclineReferral', householdId, on, referralId: offer.id };

        const prefix = commands.slice(0, point.i);
        const rest = commands.slice(point.i).filter((c) => !isAbout(c, offer));
        const without = runHousehold([...prefix, ...rest]);
        const withDecline = runHousehold([...prefix, decline, ...rest]);

        const declined = withDecline.steps[point.i];
        expect(declined && E.isRight(declined.decision) && declined.decision.right.length).toBe(1);
        expect(declined?.after.status).toBe(declined?.before.status);
        rest.forEach((c, j) => {
          const a = without.steps[point.i + j];
          const b = withDecline.steps[point.i + 1 + j];
          if (!a || !b) throw new Error('runs of different lengths');
          compared += 1;
          expect({ command: c, outcome: outcome(b.decision), status: b.after.status, eligible: eligibility(b.after, c.on) }).toEqual({
            command: c,
            outcome: outcome(a.decision),
            status: a.after.status,
            eligible: eligibility(a.after, c.on),
          });
        });
        const [a, b] = [withoutOffer(without.state, offer), withoutOffer(withDecline.state, offer)];
        if (!structurallyEqual(a, b)) expect(plain(b)).toEqual(plain(a));
      }),
      propertyRuns(400, process.env),
    );
    expect(compared).toBeGreaterThan(1000);
  });
});
