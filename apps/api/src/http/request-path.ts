import type { IncomingMessage } from 'node:http';

/** A request's path as sent, without its query: what Express's router matches routes against. */
export const requestPath = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] as string;
