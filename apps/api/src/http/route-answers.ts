import { isEveryMethod, routeLayers } from './route-layers';

/**
 * Whether a route a controller declared answers `method` on `pathname`: the body parser
 * asks before it reads a body, so that a request no route takes is answered 404 or 405
 * (with Allow) for what it is, not 415 for a body no route would have read. Without a
 * routing table to read (no Express app), every request is taken to have its route, and its
 * body is read as before.
 */
export const routeAnswers = (expressApp: unknown, pathname: string, method: string): boolean => {
  const layers = routeLayers(expressApp);
  if (layers.length === 0) return true;
  const own = method.toLowerCase();
  return layers.some((layer) => {
    const methods = layer.route?.methods;
    if (methods === undefined || isEveryMethod(methods) || methods[own] !== true) return false;
    try {
      return Boolean(layer.match?.(pathname));
    } catch {
      // A segment the matcher cannot decode: the route may be the one meant, so the body is read as before.
      return true;
    }
  });
};
