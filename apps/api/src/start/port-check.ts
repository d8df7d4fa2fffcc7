import { createServer } from 'node:net';
import { UsageError } from './start-options';

export const portInUse = (host: string, port: number): UsageError =>
  new UsageError(`port ${port} on ${host} is in use: stop what listens there, or choose another with PORT`);

/**
 * Fails early when the port is taken, before minutes of demo generation are spent. The
 * real listen can still lose a race with another process; that is reported the same way.
 */
export const ensurePortFree = (host: string, port: number): Promise<void> =>
  port === 0
    ? Promise.resolve()
    : new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? portInUse(host, port) : e));
        probe.listen(port, host, () => probe.close(() => resolve()));
      });
