import * as E from 'fp-ts/Either';
import { CommandOf, HouseholdCommand } from '../commands';
import { fieldErrors } from '../../codec/decode-errors';
import { DecisionContext } from '../context';
import { correctedEvent, isCorrectableField } from '../correction';
import { Decision, reject } from '../decision';
import { domainError } from '../errors';
import { ev, eventCodecs, EventType, HouseholdEvent } from '../events';
import { evolve } from '../evolve';
import { replayAnomalies } from '../replay';
import { HouseholdState } from '../state';

type Decide = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext) => Decision;

/**
 * A correction amends data fields of an earlier event. It is accepted only when the
 * corrected event is still valid and the whole history after it, replayed with the
 * amended data, is still what the domain would have decided.
 */
export const correctEvent =
  (decide: Decide) =>
  (c: CommandOf<'CorrectEvent'>, s: HouseholdState, ctx: DecisionContext): Decision => {
    const target = s.history.find((f) => f.meta.eventId === c.eventId);
    if (!target || target.event.type === 'EventCorrected')
      return reject('UNKNOWN_EVENT', `no correctable event "${c.eventId}" in this household`);
    // A transfer says what a recorded division tree did; only another tree changes it.
    if (target.event.type === 'HouseholdTransferred')
      return reject('INVALID_CORRECTION', 'a transfer follows a division reorganisation and cannot be corrected; record another tree instead');
    const fields = Object.keys(c.correction);
    if (fields.length === 0) return reject('INVALID_CORRECTION', 'the correction amends no field');
    const notCorrectable = fields.find((f) => !isCorrectableField(f) || !(f in (target.event.data as object) || isOptionalField(target.event.type, f)));
    if (notCorrectable !== undefined)
      return E.left(domainError('INVALID_CORRECTION', `field "${notCorrectable}" of ${target.event.type} cannot be corrected`, [{ path: `correction.${notCorrectable}`, message: 'not a correctable field of the event' }]));
    const amended = correctedEvent(target, new Map([[c.eventId, { ...(s.corrections.get(c.eventId) ?? {}), ...c.correction }]]));
    const valid = eventCodecs[target.event.type].decode(amended);
    if (E.isLeft(valid))
      return E.left(domainError('INVALID_CORRECTION', `the corrected ${target.event.type} is not valid`, fieldErrors(valid.left).map((f) => ({ ...f, path: f.path.replace(/^data/, 'correction') }))));
    const correction = ev('EventCorrected', { eventId: c.eventId, correctedType: target.event.type, correction: c.correction, reason: c.reason });
    const facts = [...s.history, { event: correction as HouseholdEvent, meta: { eventId: '(pending)', occurredOn: c.on } }];
    const anomalies = replayAnomalies(facts, c.householdId, ctx, decide);
    if (anomalies.length > 0)
      return reject('INVALID_CORRECTION', `with this correction the history no longer holds: ${anomalies[0]?.detail}`);
    // Replays check each event against the tree of its day; the household must also end in a division in force today.
    const division = evolve(s, correction, { eventId: '(pending)', occurredOn: c.on }).divisionCode;
    if (division !== undefined && !ctx.divisions.get(division))
      return reject('INVALID_CORRECTION', `with this correction the household would be in division "${division}", which the tree in force does not have`);
    return E.right([correction]);
  };

const isOptionalField = (type: EventType, field: string): boolean => {
  const optional: Partial<Record<EventType, readonly string[]>> = {
    HouseholdRegistered: [],
    MemberAdded: ['sex'],
    MemberEmployed: ['employer'],
    MemberTrained: ['certified'],
    TrainingDeclined: ['reason'],
    ReferralDeclined: ['reason'],
    HouseholdWithdrew: ['reason'],
    HouseholdSurveyed: [],
  };
  return optional[type]?.includes(field) ?? false;
};
