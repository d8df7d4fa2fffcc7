import * as t from 'io-ts';

/** Codecs whose `validate` is exactly their guard: `is(u)` gives the value itself, else one error at its path. */
const byGuard = new WeakSet<object>();

export const validatesByGuard = <C extends t.Any>(codec: C): C => {
  byGuard.add(codec);
  return codec;
};

export const isValidatedByGuard = (codec: t.Any): boolean =>
  byGuard.has(codec) || ['LiteralType', 'BooleanType', 'AnyDictionaryType', 'OneOfType'].includes((codec as { _tag?: string })._tag ?? '');
