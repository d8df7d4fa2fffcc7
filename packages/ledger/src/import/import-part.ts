/**
 * One of the parts a file is imported in by several processes at once (`hearth import FILE
 * --workers N`, docs/decisions/0172). A line belongs to the part of its household, so that
 * every command of a household is decided by one process, in the file's order; a line that
 * names no household (not JSON, not an object, no string `householdId`) belongs to part 1,
 * which rejects it as a whole import would.
 */
export interface ImportPart {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** The rule a split import's file stream records: a stored split is resumed only by the same rule. */
export const PART_RULE = 'householdId-fnv1a32';

/** The most parts a file is imported in: more processes than this would only take turns on one store file. */
export const MAX_IMPORT_PARTS = 64;

/** `I/N` as `--part` takes it, or why not. */
export const parseImportPart = (text: string): ImportPart | string => {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return `expected I/N (for example 1/2), got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 2 || count > MAX_IMPORT_PARTS) return `N must be from 2 to ${MAX_IMPORT_PARTS}, got ${count}`;
  if (index < 1 || index > count) return `I must be from 1 to N (${count}), got ${index}`;
  return { index, count };
};

export const partName = (part: ImportPart): string => `${part.index}/${part.count}`;

/**
 * FNV-1a (32 bits) over the id's UTF-16 code units: stable across Node versions and
 * platforms (a stored split is resumed by it), cheap, and spread well enough for ids.
 */
const fnv1a32 = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/** The part (1-based) a household's commands are decided in. */
export const householdPart = (householdId: string, count: number): number => (fnv1a32(householdId) % count) + 1;

/** The part of a line's JSON value (undefined: the line is not JSON); see ImportPart. */
export const partOfValue = (value: unknown, count: number): number => {
  const householdId = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { householdId?: unknown }).householdId : undefined;
  return typeof householdId === 'string' ? householdPart(householdId, count) : 1;
};
