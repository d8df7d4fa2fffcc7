import { createHash } from 'node:crypto';

/**
 * The answer to a batch sent with an Idempotency-Key lives in a stream of its own per
 * caller and key (decision 158), as an import's checkpoints live in `import-` streams:
 * sealed into the hash chain like every event, and the same on SQLite and KurrentDB.
 * The name holds a SHA-256 of the caller and the key, never either of them: a stream id is
 * listed by `hearth verify` and the anchor, and the key is the client's own text.
 */
export const BATCH_ANSWER_STREAM_PREFIX = 'batch-';

/**
 * `subject` is who is asking (the API's authenticated principal, as one string); the two
 * are hashed as a JSON pair, so no subject and key run together into another pair's text.
 */
export const batchAnswerStream = (subject: string, key: string): string =>
  `${BATCH_ANSWER_STREAM_PREFIX}${createHash('sha256').update(JSON.stringify([subject, key]), 'utf8').digest('hex')}`;
