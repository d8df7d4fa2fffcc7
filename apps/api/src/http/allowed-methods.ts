import { routeLayers } from './route-layers';

/**
 * The methods a path answers, for a request that fell through every route (Nest's
 * not-found handler): [] when no route has the path, which is then a 404. Read from the
 * router of the Express app Nest built, so no controller declares anything for it. A
 * layer that answers the request's own method and still let it through is not a
 * resource but a middleware Nest mounted on every path (`forRoutes('*path')`, which
 * Express records as a route of every method): it is left out. GET brings HEAD, which
 * Express answers from the GET route.
 */
export const allowedMethods = (expressApp: unknown, pathname: string, method: string): string[] => {
  const own = method.toLowerCase();
  const allowed = new Set<string>();
  for (const layer of routeLayers(expressApp)) {
    const methods = layer.route?.methods;
    if (!methods || methods[own] || methods['_all'] || !layer.match?.(pathname)) continue;
    for (const [m, on] of Object.entries(methods)) if (on) allowed.add(m.toUpperCase());
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort();
};
