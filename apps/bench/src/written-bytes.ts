import { readFileSync } from 'node:fs';

/** Bytes this process has written through system calls so far (Linux `/proc/self/io` wchar; 0 elsewhere): the WAL frames and checkpoints a catch-up writes, which the machine's load does not change. */
export const writtenBytes = (): number => {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};
