import type { ProposedEvent, StandInLog } from './log';
import { sizeOnDisk } from './wire';

export type Expectation = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type CommitOutcome =
  | { kind: 'success'; revision: number | undefined; position: number | undefined }
  | { kind: 'wrong-expected-version'; current: number }
  | { kind: 'too-big'; limit: number };

/**
 * One append as the server commits it, whichever call brought it (`Append` or
 * `BatchAppend`): the size limit, the expected-revision check, EventStoreDB's idempotent
 * re-append of the same event ids, then the write.
 */
export const commit = (
  log: StandInLog,
  streamName: string,
  expectation: Expectation,
  proposed: readonly ProposedEvent[],
  maxAppendSize: number,
): CommitOutcome => {
  let size = 0;
  for (const event of proposed) {
    size += sizeOnDisk(event.type, event.data, event.customMetadata);
    if (size > maxAppendSize) return { kind: 'too-big', limit: maxAppendSize };
  }
  const stream = log.stream(streamName);
  const current = stream.length - 1;
  const ids = proposed.map((event) => event.id);

  // The same ids appended again where they already are is a success.
  const idempotentFrom = (start: number): CommitOutcome | undefined => {
    if (ids.length === 0 || start < 0 || start + ids.length > stream.length) return undefined;
    if (!ids.every((id, i) => stream[start + i]?.id === id)) return undefined;
    const last = stream[start + ids.length - 1];
    return last ? { kind: 'success', revision: last.revision, position: last.position } : undefined;
  };
  const wrong: CommitOutcome = { kind: 'wrong-expected-version', current };

  let ok: boolean;
  switch (expectation.kind) {
    case 'any':
    case 'stream_exists': {
      // As the server's commit check: only the first id is looked up, in this stream only
      // (the same id in another stream is not a duplicate to EventStoreDB); a partial
      // match is "corrupted idempotency", reported as a wrong expected version.
      const first = stream.findIndex((event) => event.id === ids[0]);
      if (first >= 0) return idempotentFrom(first) ?? wrong;
      ok = expectation.kind === 'any' || current >= 0;
      break;
    }
    case 'no_stream':
      ok = current === -1;
      if (!ok) return idempotentFrom(0) ?? wrong;
      break;
    case 'revision':
      ok = current === expectation.revision;
      if (!ok) return idempotentFrom(expectation.revision + 1) ?? wrong;
      break;
  }
  if (!ok) return wrong;
  if (proposed.length === 0) {
    const last = stream.at(-1);
    return { kind: 'success', revision: last?.revision, position: last?.position };
  }
  const stored = log.appendFromClient(streamName, proposed);
  const last = stored.at(-1);
  return { kind: 'success', revision: last?.revision, position: last?.position };
};
