import * as t from 'io-ts';
import { quoteInput } from './quote-input';

/**
 * A closed object codec; it keeps its field codecs so that tools (the HTTP API's
 * OpenAPI generator) can walk the same codec the edge decodes with.
 */
export class ClosedType<R extends t.Props, O extends t.Props, A, Out> extends t.Type<A, Out, unknown> {
  readonly _tag = 'ClosedType' as const;
  constructor(
    name: string,
    is: t.Is<A>,
    validate: t.Validate<unknown, A>,
    encode: t.Encode<A, Out>,
    readonly required: R,
    readonly optional: O,
  ) {
    super(name, is, validate, encode);
  }
}

/**
 * An object codec that REJECTS unknown keys (io-ts `exact` would silently strip them).
 * Unknown keys, including `__proto__` and `constructor` arriving as own properties
 * from JSON.parse, fail with the key's own path, so the caller learns which field is wrong.
 */
export const closed = <R extends t.Props, O extends t.Props = {}>(name: string, required: R, optional?: O) => {
  const allowed = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  const inner = optional ? t.intersection([t.type(required), t.partial(optional)]) : t.type(required);
  type A = t.TypeOf<t.TypeC<R>> & Partial<t.TypeOf<t.PartialC<O>>>;
  type Out = t.OutputOf<t.TypeC<R>> & Partial<t.OutputOf<t.PartialC<O>>>;
  const isPlainObject = (u: unknown): u is Record<string, unknown> =>
    typeof u === 'object' && u !== null && !Array.isArray(u);
  const codec = new ClosedType<R, O, A, Out>(
    name,
    (u): u is A => isPlainObject(u) && Object.keys(u).every((k) => allowed.has(k)) && inner.is(u),
    (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c, `${name}: expected an object`);
      const unknownKeys = Object.keys(u).filter((k) => !allowed.has(k));
      if (unknownKeys.length > 0) {
        const errors: t.Errors = unknownKeys.map((k) => ({
          value: u[k],
          context: [...c, { key: k, type: t.never, actual: u[k] }],
          message: `unknown field ${quoteInput(k)}`,
        }));
        return t.failures(errors);
      }
      const checkedOptional = Object.keys(optional ?? {}).filter((k) => k in u && u[k] === undefined);
      if (checkedOptional.length > 0) return t.failure(u, c);
      return inner.validate(u, c) as t.Validation<A>;
    },
    (a) => inner.encode(a as never) as Out,
    required,
    (optional ?? {}) as O,
  );
  if (optional) intersectionWrappers.add(codec);
  return codec;
};

/** Closed codecs whose validation adds an intersection member index to error paths. */
const intersectionWrappers = new WeakSet<object>();
export const wrapsIntersection = (type: unknown): boolean => typeof type === 'object' && type !== null && intersectionWrappers.has(type);
