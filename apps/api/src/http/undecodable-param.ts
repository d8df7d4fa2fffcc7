import { isEveryMethod, routeLayers } from './route-layers';

/** A path parameter whose percent-encoding is malformed, and the route parameter it stands for. */
export interface UndecodableParam {
  readonly field: string;
  readonly raw: string;
}

const decodes = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
};

// Stands in for the malformed segment while the routes are asked which parameter it is: it is an id of its own and
// needs no decoding, so every route matches the probe exactly as it would have matched the request.
const PROBE = 'hearth-undecodable-segment';

const holdsProbe = (value: unknown): boolean => value === PROBE || (Array.isArray(value) && value.includes(PROBE));

/**
 * The first segment of a request's path that is not valid percent-encoding (`%zz`, `%E0%A4%A`), which Express's router
 * refuses with a 400 before any route is chosen, and the name of the route parameter it fills in the route that
 * answers the request's method: so that the answer names its field as every other malformed parameter's does. Read
 * from the router's own matchers with the segment replaced, so the routes are declared once, in the controllers.
 * Undefined when every segment decodes or no route of the method has a parameter there.
 */
export const undecodableParam = (expressApp: unknown, pathname: string, method: string): UndecodableParam | undefined => {
  const segments = pathname.split('/');
  const at = segments.findIndex((s) => !decodes(s));
  if (at < 0) return undefined;
  const raw = segments[at] as string;
  const probe = segments.map((s, i) => (i === at ? PROBE : decodes(s) ? s : PROBE.toUpperCase())).join('/');
  const own = method.toLowerCase();
  for (const layer of routeLayers(expressApp)) {
    const methods = layer.route?.methods;
    // A middleware mounted on every path names its catch-all, not the parameter the request meant.
    if (!methods || isEveryMethod(methods) || !(methods[own] || (own === 'head' && methods['get']))) continue;
    let matched: ReturnType<NonNullable<typeof layer.match>>;
    try {
      matched = layer.match?.(probe);
    } catch {
      continue;
    }
    const params = matched ? (matched.params ?? {}) : {};
    const field = Object.keys(params).find((key) => holdsProbe(params[key]));
    if (field !== undefined) return { field, raw };
  }
  return undefined;
};
