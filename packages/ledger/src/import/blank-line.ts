/**
 * A line the import skips, and the regrouping drops: empty, or only JSON's whitespace (a line
 * holds no LF). `String.prototype.trim` also strips U+00A0, U+FEFF, \v, \f and the other
 * Unicode spaces, which JSON.parse refuses: a line of those is not JSON, and is rejected as
 * INVALID_COMMAND like any other (cli.md; docs/decisions/0210).
 */
export const isBlankLine = (text: string): boolean => /^[ \t\r]*$/.test(text);
