/** Machine output is one JSON document on stdout; progress and logs go to stderr. */

/** Set once the reader of a stream has gone away (`hearth verify | head -1`). */
const closed = { stdout: false, stderr: false };

const write = (stream: 'stdout' | 'stderr', text: string | Uint8Array): void => {
  if (!closed[stream]) process[stream].write(text);
};

export const emitJson = (value: unknown): void => write('stdout', `${JSON.stringify(value, null, 2)}\n`);

export const emitText = (text: string): void => write('stdout', `${text}\n`);

/**
 * Part of a machine document written in pieces (spilled-list.ts), text or bytes as they
 * are; resolves once stdout has taken it in, so that a document of gigabytes written to
 * a slower reader (a pipe) does not pile up in memory. A reader gone away ends the wait.
 */
export const emitPart = async (part: string | Uint8Array): Promise<void> => {
  if (closed.stdout || process.stdout.write(part)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.stdout.off('drain', done);
      process.stdout.off('close', done);
      process.stdout.off('error', done);
      resolve();
    };
    process.stdout.on('drain', done);
    process.stdout.on('close', done);
    process.stdout.on('error', done);
  });
};

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
