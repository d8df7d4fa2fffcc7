import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';

/**
 * One edit of a JSON value and the agreement of a compiled check with io-ts's decode: the
 * shared tools of the properties that hold the compiled command checks
 * (accepts.property.spec.ts) and event checks (event-accepts.property.spec.ts) to decode.
 */
type Path = readonly (string | number)[];
const nodePaths = (v: unknown, path: Path = []): Path[] => [
  path,
  ...(Array.isArray(v)
    ? v.flatMap((x, i) => nodePaths(x, [...path, i]))
    : typeof v === 'object' && v !== null
      ? Object.entries(v).flatMap(([k, x]) => nodePaths(x, [...path, k]))
      : []),
];

export type Edit = 'replace' | 'delete' | 'undefined' | 'unknown-key' | 'hole' | 'optional-undefined';

/**
 * A deep copy of `value` with one edit at the node `which` picks (its `type` included);
 * `optional-undefined` sets one of `optionalKeys` to undefined in that node's parent.
 */
export const edited = (value: unknown, edit: Edit, which: number, replacement: unknown, optionalKeys: readonly string[] = []): unknown => {
  const copy = structuredClone(value) as Record<string, unknown>;
  const paths = nodePaths(copy).filter((p) => p.length > 0);
  const path = paths[which % paths.length] as Path;
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  switch (edit) {
    case 'replace': parent[key] = replacement; break;
    case 'delete': if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key]; break;
    case 'undefined': parent[key] = undefined; break;
    case 'unknown-key': if (!Array.isArray(parent)) parent[`x${which % 3}`] = replacement; break;
    case 'hole': if (Array.isArray(parent)) delete parent[key as number]; break;
    case 'optional-undefined': if (!Array.isArray(parent) && optionalKeys.length > 0) parent[optionalKeys[which % optionalKeys.length] as string] = undefined; break;
  }
  return copy;
};

/**
 * Expects `accepts` to answer as `codec`'s decode does on `input`, and decode to give the
 * input itself back when it accepts; returns whether it accepted, for the caller's counts.
 */
export const expectSameAnswerAsDecode = (accepts: (u: unknown) => boolean, codec: t.Mixed, input: unknown): boolean => {
  const decoded = codec.decode(input);
  expect(accepts(input)).toBe(E.isRight(decoded));
  if (E.isRight(decoded)) expect(decoded.right).toBe(input);
  return E.isRight(decoded);
};
