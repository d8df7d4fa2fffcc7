/**
 * One of the parts a file is imported in by several processes at once (`hearth import FILE
 * --workers N`, docs/decisions/0172). A line belongs to the part of its household, so that
 * every command of a household is decided by one process, in the file's order; a line that
 * names no household (not an object, no string `householdId`, not JSON) belongs to part 1,
 * which rejects it as a whole import would (partOfLine: a line that is not JSON but names a
 * household at the key is that household's part's, which rejects it the same).
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

/** The part of a line's JSON value; see ImportPart. */
export const partOfValue = (value: unknown, count: number): number => {
  const householdId = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { householdId?: unknown }).householdId : undefined;
  return typeof householdId === 'string' ? householdPart(householdId, count) : 1;
};

const HOUSEHOLD_KEY = '"householdId"';
/** The key, JSON's whitespace, and a value an Id may be (domain IdC: 1..64 of [A-Za-z0-9._:-]), read at the key. */
const AT_HOUSEHOLD_KEY = /"householdId"[ \t\r\n]*:[ \t\r\n]*"([A-Za-z0-9._:-]{1,64})"/y;

/**
 * Whether the key found at `at` is the line's own (a key of the outermost object): no
 * backslash before it, so every quote before it delimits a string, and outside any string
 * one bracket is open. Reads only the text before the key, which in a command is short.
 */
const isTopLevelKey = (text: string, at: number): boolean => {
  let inString = false;
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) return false; // a backslash: an escape may hide a quote
    if (c === 0x22) inString = !inString;
    else if (!inString && (c === 0x7b || c === 0x5b)) depth++;
    else if (!inString && (c === 0x7d || c === 0x5d)) depth--;
  }
  return !inString && depth === 1;
};

/**
 * The part of a line of text: for every line JSON.parse reads, partOfValue of what it reads,
 * most lines without parsing them. Each part reads every line of the file and decides only
 * its own, so finding a line's part cheaply is what it saves on the others'. The household is
 * read in the text when the `"householdId"` key appears once, as a key of the outermost
 * object (isTopLevelKey), its value an id written without escapes: then it is the value
 * JSON.parse gives (a key written twice, where JSON.parse keeps the last, or with an escape,
 * or in a nested object, is parsed). Any other line is parsed, and one that is not JSON is
 * part 1's; a line that is not JSON but names a household at such a key is that household's
 * part's, which rejects it as part 1 would.
 */
export const partOfLine = (text: string, count: number): number => {
  const at = text.indexOf(HOUSEHOLD_KEY);
  if (at >= 0 && text.indexOf(HOUSEHOLD_KEY, at + 1) < 0 && isTopLevelKey(text, at)) {
    AT_HOUSEHOLD_KEY.lastIndex = at;
    const m = AT_HOUSEHOLD_KEY.exec(text);
    if (m) return householdPart(m[1] as string, count);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 1;
  }
  return partOfValue(value, count);
};
