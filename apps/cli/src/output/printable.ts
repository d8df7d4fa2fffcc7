/**
 * Text from input (a note, an id on a rejected line, a file name) is shown to people
 * through a terminal: control characters would let it move the cursor, retitle the
 * window or forge lines, so they are shown escaped. JSON output needs none of this:
 * JSON.stringify escapes them already.
 */
// C0 and C1 controls, DEL, and the Unicode line separators and bidirectional overrides.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export const escapeControls = (s: string): string =>
  s.replace(CONTROL, (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);

/** Cut to `max` characters, saying so and how long the text was. */
export const cut = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`);

/** Input made safe and readable for a terminal: cut to `max` characters, controls escaped. */
export const printable = (s: string, max = 200): string => escapeControls(cut(s, max));
