import type { IncomingMessage } from 'node:http';
import { repeatedKeyPathOf } from '@hearth/domain';
import { ApiError } from '../errors/api-error';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Only `application/json` (any parameters, charset utf-8 if one is named). */
export const isJsonContentType = (header: string | undefined): boolean => {
  if (header === undefined) return false;
  const [mediaType, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
};

/** A request whose JSON body the middleware read: the parsed value, and the bytes it was parsed from. */
export interface JsonRequest {
  body?: unknown;
  /**
   * The body's bytes as they were sent: what an Idempotency-Key's request is compared by
   * (decision 158). Not the decoded text, which has lost a leading byte-order mark (decision 197).
   */
  bodyBytes?: Uint8Array;
}

/**
 * Reads and parses a JSON request body of at most `limit` bytes. Too large → 413 (the
 * rest of the body is drained, so the client reads the answer instead of a reset
 * connection); not UTF-8, not JSON, or an object giving a key twice → 400 INVALID_COMMAND; nested deeper than
 * MAX_JSON_DEPTH → 400 JSON_TOO_DEEP (checked before parsing, without recursion); another
 * content type, or a compressed body → 415.
 */
export const readJsonBody = async (req: IncomingMessage, limit: number): Promise<{ readonly value: unknown; readonly bytes: Uint8Array }> => {
  if (!isJsonContentType(req.headers['content-type']))
    throw new ApiError(415, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `send the body as application/json (got ${req.headers['content-type'] === undefined ? 'no Content-Type' : JSON.stringify(req.headers['content-type'])})`,
    });
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    throw new ApiError(415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: `send the body uncompressed (got Content-Encoding: ${encoding})` });
  const tooLarge = () => new ApiError(413, { code: 'PAYLOAD_TOO_LARGE', message: `the body is larger than ${limit} bytes` });
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let received = 0;
  let over = Number.isFinite(declared) && declared > limit;
  await new Promise<void>((resolve, reject) => {
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve();
    });
    // A client that goes away mid-body: nothing to decide, and no promise left waiting. Node says so first as the
    // request's error ('aborted', ECONNRESET), then as its close: either is the client's doing, never the service's fault.
    const endedEarly = () => new ApiError(400, { code: 'INVALID_COMMAND', message: 'the body ended early (the connection closed)', field: '' });
    req.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ECONNRESET' || e.message === 'aborted' ? endedEarly() : e));
    req.on('close', () => {
      if (!ended) reject(endedEarly());
    });
  });
  if (over) throw tooLarge();
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    // Fatal: a byte sequence that is not UTF-8 is refused, never silently replaced by U+FFFD in a stored event.
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, { code: 'INVALID_COMMAND', message: 'the body is not valid UTF-8', field: '' });
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    throw new ApiError(400, { code: 'JSON_TOO_DEEP', message: `the body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`, field: '' });
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError(400, { code: 'INVALID_COMMAND', message: `the body is not JSON: ${(e as Error).message}`, field: '' });
  }
  // JSON.parse keeps the last of a repeated key's values and drops the others silently (docs/decisions/0146).
  const repeated = repeatedKeyPathOf(text, body);
  if (repeated !== undefined) throw new ApiError(400, { code: 'INVALID_COMMAND', message: `the body gives the key "${repeated}" more than once`, field: repeated });
  return { value: body, bytes };
};
