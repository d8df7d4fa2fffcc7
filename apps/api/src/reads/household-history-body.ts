import * as t from 'io-ts';
import { LABOR_CAPACITIES, oneOf, SEXES, STATUSES } from '@hearth/domain';

const orNull = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/**
 * One event of the timeline. `eventId` is the id a CorrectEvent names (domain.md §4), and a
 * later correction's `correctedEventId`: without it an event the API did not append itself
 * (an import's) could not be corrected over HTTP (decision 197). `data` is any JSON: an
 * event edited behind the ledger's back is listed as stored, its hash broken.
 */
export const HistoryEventC = t.type(
  { position: t.number, eventId: t.string, type: t.string, occurredOn: t.string, recordedAt: t.string, actor: t.string, note: orNull(t.string), data: t.unknown, hashOk: t.boolean },
  'HistoryEvent',
);

/** `GET /api/households/:id`: the same JSON as `hearth --json history` (docs/cli.md). Open: a key added later is no breach. */
export const HouseholdHistoryC = t.type(
  {
    householdId: t.string,
    divisionCode: orNull(t.string),
    asOf: orNull(t.string),
    knownAt: orNull(t.string),
    status: oneOf(STATUSES),
    openLaborConcerns: t.readonlyArray(t.string),
    members: t.readonlyArray(
      t.type({
        memberId: t.string, birthYear: t.number, sex: orNull(oneOf(SEXES)), removed: t.boolean, laborCapacity: orNull(oneOf(LABOR_CAPACITIES)),
        willing: t.boolean, eligible: t.boolean, employed: t.boolean,
      }),
    ),
    events: t.readonlyArray(HistoryEventC),
    laterCorrections: t.readonlyArray(
      t.type({
        position: t.number, occurredOn: t.string, recordedAt: t.string, actor: t.string, note: orNull(t.string),
        correctedEventId: t.string, correctedPosition: t.number, correctedType: t.string, correction: t.UnknownRecord, reason: t.string,
      }),
    ),
    anomalies: t.readonlyArray(t.type({ householdId: t.string, position: t.number, kind: t.string, detail: t.string })),
  },
  'HouseholdHistory',
);
/**
 * What the route answers: the projections' view as it is, typed as this codec, so that a key
 * the codec names which the view drops or retypes fails to compile where the answer is made.
 */
export type HouseholdHistoryBody = t.TypeOf<typeof HouseholdHistoryC>;
