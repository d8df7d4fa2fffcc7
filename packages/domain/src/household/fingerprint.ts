import { canonicallyEqual } from '../canonical-equal';

/**
 * The "content" of a creating command or event, for idempotent repeats (domain.md §4,
 * check 3): every field but `type`, `householdId`, `actor`, `note` and `commandId`, plus
 * the business date. A command and the event it created have the same content.
 *
 * Kept as the fields themselves (the event's data, not a copy) and compared member by
 * member only when a repeat asks, so folding an event serialises nothing. Two contents are
 * the same exactly when their canonical JSON texts (canonical-json.ts) of
 * `{ ...fields without those five, on }` are equal, for the values decoded commands and
 * events hold (JSON values whose object members may be undefined); the property test
 * `test/properties/fingerprint.property.spec.ts` holds the two definitions together.
 */
export interface Content {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly on: string;
}

export const contentOf = (fields: object, on: string): Content => ({ fields: fields as Readonly<Record<string, unknown>>, on });

/** `on` is the content's own date, whatever a field of that name says. */
const notContent = (key: string): boolean =>
  key === 'type' || key === 'householdId' || key === 'actor' || key === 'note' || key === 'commandId' || key === 'on';

export const sameContent = (a: Content, b: Content): boolean => a.on === b.on && sameMembers(a.fields, b.fields, notContent);

/**
 * The content as it reads with a correction's fields merged over its own; the date stays,
 * and so does what else the content says (a kept content's event type, command-trace.ts).
 */
export const correctedContent = <C extends Content>(c: C, correction: Readonly<Record<string, unknown>>): C => ({ ...c, fields: { ...c.fields, ...correction } });

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** The same defined own enumerable members, but those `skip` names, with canonically equal values. */
const sameMembers = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, skip: (key: string) => boolean): boolean => {
  let count = 0;
  for (const k of Object.keys(a)) {
    const x = a[k];
    if (x === undefined || skip(k)) continue;
    count++;
    const y = b[k];
    if (y === undefined || !isEnumerable.call(b, k) || !canonicallyEqual(x, y)) return false;
  }
  for (const k of Object.keys(b)) if (b[k] !== undefined && !skip(k)) count--;
  return count === 0;
};
