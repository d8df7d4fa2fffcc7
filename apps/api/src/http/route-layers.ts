import { METHODS } from 'node:http';

/** What the service reads of a route layer in Express 5's router (router@2): its stateless matcher and its route's methods. */
export interface RouteLayer {
  match?: (path: string) => { params?: Record<string, unknown> } | false | undefined;
  route?: { methods?: Record<string, boolean | undefined> };
}

/**
 * The layers of the router of the Express app Nest built, in the order Express tries them: the one place the service
 * reads Express's routing table, so that no controller declares its routes a second time for the error paths.
 */
export const routeLayers = (expressApp: unknown): readonly RouteLayer[] =>
  (expressApp as { router?: { stack?: readonly RouteLayer[] } } | undefined)?.router?.stack ?? [];

/**
 * Whether a layer is a middleware Nest mounted on every path (`forRoutes('*path')`), which Express records as a route
 * of every method (each named, or `_all`), rather than a resource a controller declared.
 */
export const isEveryMethod = (methods: Readonly<Record<string, boolean | undefined>>): boolean =>
  methods['_all'] === true || METHODS.every((m) => methods[m.toLowerCase()] === true);
