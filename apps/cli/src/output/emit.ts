/** Machine output is one JSON document on stdout; progress and logs go to stderr. */

/** Set once the reader of a stream has gone away (`hearth verify | head -1`). */
const closed = { stdout: false, stderr: false };

const write = (stream: 'stdout' | 'stderr', text: string | Uint8Array): void => {
  if (!closed[stream]) process[stream].write(text);
};

export const emitJson = (value: unknown): void => write('stdout', `${JSON.stringify(value, null, 2)}\n`);

export const emitText = (text: string): void => write('stdout', `${text}\n`);

/** Part of a machine document written in pieces (spilled-list.ts): text or bytes as they are. */
export const emitPart = (part: string | Uint8Array): void => write('stdout', part);

export const log = (text: string): void => write('stderr', `${text}\n`);

/**
 * When whoever reads our output stops reading (EPIPE), the rest of the output is dropped
 * quietly and the command finishes as it would have, with its own exit code: a store
 * write must not be cut short because a pager was closed.
 */
export const dropOutputOnceUnread = (): void => {
  for (const stream of ['stdout', 'stderr'] as const)
    process[stream].on('error', () => {
      // EPIPE, or any other failure of our own output: there is nobody left to tell.
      closed[stream] = true;
    });
};
