import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { CommandOf, HouseholdCommand } from '../commands';
import { fieldErrorsQuotingNothing } from '../../codec/decode-errors';
import { DecisionContext } from '../context';
import { correctedEvent, isCorrectableField } from '../correction';
import { Decision, reject } from '../decision';
import { domainError } from '../errors';
import { ev, eventCodecs, EventType, HouseholdEvent } from '../events';
import { evolve } from '../evolve';
import { correctionsIn, replayAnomalies } from '../replay';
import { Fact, HouseholdState } from '../state';

type Decide = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext) => Decision;

/** The member ids of a registration's or survey's member list, sorted; undefined when there is no such list. */
const memberIdsOf = (data: unknown): string | undefined => {
  const members = (data as { members?: unknown }).members;
  if (!Array.isArray(members)) return undefined;
  return JSON.stringify(members.map((m: unknown) => (typeof m === 'object' && m !== null ? (m as { memberId?: unknown }).memberId : undefined)).sort());
};

/**
 * A correction amends data fields of an earlier event. It is accepted only when the
 * corrected event is still valid and the whole history after it, replayed with the
 * amended data, is still what the domain would have decided. The event and the history
 * are read from the stream (ctx.history): the state keeps no log.
 */
export const correctEvent =
  (decide: Decide) =>
  (c: CommandOf<'CorrectEvent'>, s: HouseholdState, ctx: DecisionContext): Decision => {
    const history: readonly Fact[] | undefined = ctx.history;
    // A caller that decides a correction without the stream cannot know the event: UNKNOWN_EVENT, never a guess.
    if (history === undefined) return reject('UNKNOWN_EVENT', `event "${c.eventId}" cannot be looked up: the stream's history was not given to decide (DecisionContext.history)`, { path: 'eventId', message: "the stream's history was not given" });
    const target = history.find((f) => f.meta.eventId === c.eventId);
    if (!target || target.event.type === 'EventCorrected')
      return reject('UNKNOWN_EVENT', `no correctable event "${c.eventId}" in this household`, { path: 'eventId', message: target ? 'a correction, which is not corrected itself' : 'no such event in the household' });
    // A transfer says what a recorded division tree did; only another tree changes it.
    if (target.event.type === 'HouseholdTransferred')
      return reject('INVALID_CORRECTION', 'a transfer follows a division reorganisation and cannot be corrected; record another tree instead', { path: 'eventId', message: 'a transfer, which cannot be corrected' });
    // A correction is made once the fact it amends is on record: dated before it, the history as of any day between the
    // two would list a correction of a fact that had not happened (decision 207).
    if (c.on < target.meta.occurredOn)
      return reject('BACKDATED', `a correction is dated on or after the event it corrects: ${target.event.type} is dated ${target.meta.occurredOn}`, { path: 'on', message: `before ${target.meta.occurredOn}, the date of the event it corrects` });
    const fields = Object.keys(c.correction);
    if (fields.length === 0) return reject('INVALID_CORRECTION', 'the correction amends no field', { path: 'correction', message: 'amends no field' });
    // The refusal's words may be kept in the log (an Idempotency-Key's record, an import's checkpoint): a key the event
    // does not have is the caller's own text, perhaps a name, and is not repeated (decision 215).
    const own = fieldsOf(target.event.type);
    const hasField = (f: string): boolean => own.includes(f);
    const notItsField = fields.some((f) => !hasField(f));
    if (notItsField)
      return E.left(domainError('INVALID_CORRECTION', `the correction names a field ${target.event.type} does not have; the fields it may correct are ${correctableFieldsOf(target.event).join(', ') || 'none'}`, [{ path: 'correction', message: `names a field ${target.event.type} does not have` }]));
    const notCorrectable = fields.find((f) => !isCorrectableField(f));
    if (notCorrectable !== undefined)
      return E.left(domainError('INVALID_CORRECTION', `field "${notCorrectable}" of ${target.event.type} cannot be corrected`, [{ path: `correction.${notCorrectable}`, message: 'not a correctable field of the event' }]));
    const amended = correctedEvent(target, new Map([[c.eventId, { ...(correctionsIn(history).get(c.eventId) ?? {}), ...c.correction }]]));
    const valid = eventCodecs[target.event.type].decode(amended);
    if (E.isLeft(valid))
      return E.left(domainError('INVALID_CORRECTION', `the corrected ${target.event.type} is not valid`, fieldErrorsQuotingNothing(valid.left).map((f) => ({ ...f, path: f.path.replace(/^data/, 'correction') }))));
    // The members a registration or survey lists are identifiers too (docs/decisions/0051-corrections-keep-identifiers.md).
    if ('members' in c.correction && memberIdsOf(amended.data) !== memberIdsOf(target.event.data))
      return E.left(domainError('INVALID_CORRECTION', `a correction of ${target.event.type} must list the same members; add or remove a member with AddMember or RemoveMember`, [{ path: 'correction.members', message: 'the member ids differ from the event\'s' }]));
    const correction = ev('EventCorrected', { eventId: c.eventId, correctedType: target.event.type, correction: c.correction, reason: c.reason });
    const facts = [...history, { event: correction as HouseholdEvent, meta: { eventId: '(pending)', occurredOn: c.on } }];
    const anomalies = replayAnomalies(facts, c.householdId, ctx, decide, { decideCorrections: false });
    if (anomalies.length > 0)
      return reject('INVALID_CORRECTION', `with this correction the history no longer holds: ${anomalies[0]?.detail}`, { path: 'correction', message: 'a later event would be refused, or recorded with other data' });
    // Replays check each event against the tree of its day; the household must also end in a division in force today.
    const division = evolve(s, correction, { eventId: '(pending)', occurredOn: c.on }).divisionCode;
    if (division !== undefined && !ctx.divisions.get(division))
      return reject('INVALID_CORRECTION', `with this correction the household would be in division "${division}", which the tree in force does not have`, { path: 'correction', message: `leaves the household in division "${division}", not in the tree in force` });
    return E.right([correction]);
  };

/** The fields an event of `type` has, required and optional: its codec's, never the caller's words. */
const fieldsOf = (type: EventType): readonly string[] => {
  const data = (eventCodecs[type] as unknown as { props: { data: { required: t.Props; optional: t.Props } } }).props.data;
  return [...Object.keys(data.required), ...Object.keys(data.optional)];
};

/** The event's own fields a correction may amend, for the refusal that names them. */
const correctableFieldsOf = (event: HouseholdEvent): string[] => fieldsOf(event.type).filter(isCorrectableField).sort();
