import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors/api-error';
import { STORE_BUSY_RETRY_AFTER } from '../errors/store-fault';

export const IDEMPOTENCY_KEY = 'Idempotency-Key';

/** Long enough for any UUID or hash a client makes up (Stripe's limit); a key names a request, it carries nothing. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Seconds a request is asked to wait while its key's first request is still being decided
 * (409 IDEMPOTENCY_KEY_IN_USE, decision 158): that request holds the key as another
 * process's lock holds the store, so the wait is STORE_BUSY's.
 */
export const IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER = STORE_BUSY_RETRY_AFTER;

/** Visible ASCII, no spaces: a key a client copies from one request to the next survives every proxy and log unchanged. */
const KEY = /^[\x21-\x7e]+$/;

/**
 * The request's Idempotency-Key (decision 158): undefined without one; a 400 naming the
 * header for one that is empty, too long, not visible ASCII, or given twice (Node would
 * join two values with ", " into a key neither request meant).
 */
export const idempotencyKeyOf = (req: IncomingMessage): string | undefined => {
  const values = req.headersDistinct['idempotency-key'];
  if (values === undefined) return undefined;
  const [key] = values;
  if (values.length !== 1 || key === undefined) throw invalid('is given more than once');
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw invalid(`must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (got ${key.length})`);
  if (!KEY.test(key)) throw invalid('must be visible ASCII characters (0x21–0x7E), without spaces');
  return key;
};

const invalid = (why: string): ApiError => new ApiError(400, { code: 'INVALID_HEADER', message: `the ${IDEMPOTENCY_KEY} header ${why}`, field: IDEMPOTENCY_KEY });
