import { GENESIS_HASH, isWrongExpectedVersionError, sealEvents, type EventStore } from '@hearth/event-store';
import { batchAnswerStream } from './batch-answer-stream';

export const BATCH_ANSWERED = 'BatchAnswered';

/**
 * A batch's whole answer as its first request got it (decision 158). Each item is kept as
 * the JSON text that was sent: the store keeps data as canonical JSON (keys sorted), and a
 * replay answers the bytes of the first answer, not a re-ordering of them. An item is
 * `null` where the caller answers it again from the request itself, which a replay sends
 * byte for byte again: a refusal by the command codec, whose message quotes the values it
 * refused — text the ledger never recorded, which may be a name typed in the wrong field,
 * and which an append-only log could never erase.
 */
export interface BatchAnswer {
  readonly status: number;
  readonly items: readonly (string | null)[];
  /** The Retry-After the first answer carried, in seconds. */
  readonly retryAfterSeconds?: number;
}

/** The request a key was first used for (the SHA-256 of its body) and what it was answered. */
interface BatchAnsweredData extends BatchAnswer {
  readonly requestSha256: string;
}

/** What a key says about a request, decided from its stream: a value, not an exception. */
export type BatchAnswerLookup =
  /** The key was never answered: decide the batch. */
  | { readonly kind: 'new' }
  /** The same request again: answer this, decide nothing. */
  | { readonly kind: 'replay'; readonly answer: BatchAnswer }
  /** The key was first used for another body: refuse, decide nothing. */
  | { readonly kind: 'reused' };

export const lookUpBatchAnswer = async (store: EventStore, subject: string, key: string, requestSha256: string): Promise<BatchAnswerLookup> => {
  const [first] = await store.readStream(batchAnswerStream(subject, key), { maxCount: 1 });
  if (first === undefined) return { kind: 'new' };
  const { requestSha256: recordedSha256, status, items, retryAfterSeconds } = first.data as BatchAnsweredData;
  if (recordedSha256 !== requestSha256) return { kind: 'reused' };
  return { kind: 'replay', answer: retryAfterSeconds === undefined ? { status, items } : { status, items, retryAfterSeconds } };
};

export interface BatchAnswerRecord {
  readonly subject: string;
  readonly key: string;
  readonly requestSha256: string;
  readonly answer: BatchAnswer;
  /** The envelope: who recorded it, when (its business date is that day), under which schema. */
  readonly eventId: string;
  readonly actor: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
}

/**
 * `taken`: another request with the same caller and key recorded its answer first (another
 * process: the API lets one request per key through at a time); the first answer stands.
 */
export type BatchAnswerRecording = { readonly kind: 'recorded'; readonly position: number } | { readonly kind: 'taken' };

/**
 * Appends the answer as the stream's first and only event, expecting no stream: a key is
 * answered once. A store failure (or a KurrentDB append limit) is thrown as the store threw
 * it: the batch was applied all the same, and its caller decides what the client hears.
 */
export const recordBatchAnswer = async (store: EventStore, r: BatchAnswerRecord): Promise<BatchAnswerRecording> => {
  const data: BatchAnsweredData = { requestSha256: r.requestSha256, ...r.answer };
  const events = sealEvents(GENESIS_HASH, [
    {
      eventId: r.eventId,
      type: BATCH_ANSWERED,
      data,
      // Dated the day it is recorded: the answer is no business fact, and verify sees no late recording in it.
      metadata: { occurredOn: r.recordedAt.slice(0, 10), recordedAt: r.recordedAt, actor: r.actor, schemaVersion: r.schemaVersion },
    },
  ]);
  try {
    const { lastPosition } = await store.appendToStream(batchAnswerStream(r.subject, r.key), events, 'no_stream');
    return { kind: 'recorded', position: lastPosition };
  } catch (e) {
    if (isWrongExpectedVersionError(e)) return { kind: 'taken' };
    throw e;
  }
};
