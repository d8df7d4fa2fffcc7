/**
 * Lets the event loop turn once, between two pages of a catch-up or of a build stream by
 * stream: reading the SQLite store resolves without I/O, so without it a catch-up of the
 * whole log runs as one chain of microtasks and starves until it ends the signals (a
 * projector's SIGTERM), the timers (its status lines and file) and a service's requests.
 */
export const letTheLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
