import * as t from 'io-ts';
import { ERROR_CODES, IdC } from '@hearth/domain';
import { oneOf } from '@hearth/domain';
import { HTTP_ERROR_CODES } from './errors/api-error';

/**
 * The bodies the API itself shapes, as io-ts codecs: the OpenAPI document is generated
 * from them and the end-to-end tests decode every answer with them.
 */
export const ErrorBodyC = t.intersection(
  [t.type({ code: oneOf([...ERROR_CODES, ...HTTP_ERROR_CODES]), message: t.string }), t.partial({ field: t.string })],
  'ErrorBody',
);

/**
 * `eventId` is what a later CorrectEvent names. `position` is null only for an event other
 * than a command's last whose reading back after the commit failed (decision 149): the
 * command is recorded, and its last event's position is the append's own.
 */
export const AppendedEventC = t.type({ eventId: t.string, type: t.string, streamVersion: t.number, position: t.union([t.number, t.null]) }, 'AppendedEvent');

/** 201: what a command appended (nothing, with `unchanged: true`, for an idempotent repeat). */
export const CommandAcceptedC = t.type({ householdId: IdC, appended: t.array(AppendedEventC), unchanged: t.boolean }, 'CommandAccepted');
export type CommandAccepted = t.TypeOf<typeof CommandAcceptedC>;

/**
 * One command's answer in a batch: the status and body it would have had on its own, and
 * the Retry-After it would have carried (a 503 STORE_BUSY), which a batch's one header
 * cannot say per command.
 */
export const BatchItemResultC = t.intersection(
  [t.type({ status: t.number, body: t.union([CommandAcceptedC, ErrorBodyC]) }), t.partial({ retryAfterSeconds: t.number })],
  'BatchItemResult',
);
export type BatchItemResult = t.TypeOf<typeof BatchItemResultC>;

/** `readModels`: the live projection runner — following, restarts since start, last failure (decision 0040). */
export const HealthC = t.type(
  {
    store: t.literal('ok'), position: t.number, head: t.number, behind: t.number, live: t.boolean,
    readModels: t.type({ live: t.boolean, restarts: t.number, lastError: t.union([t.null, t.type({ message: t.string, at: t.string })]) }),
  },
  'Health',
);
export type Health = t.TypeOf<typeof HealthC>;
