/** An object of the JSON text being scanned: the keys seen so far and the one whose value is being read. */
interface ObjectFrame {
  readonly keys: Set<string>;
  key: string;
}

/** An array of the JSON text being scanned: the index of the element being read. */
interface ArrayFrame {
  readonly keys: undefined;
  index: number;
}

/** The index of the quote that ends the string opening at `open` (a quote not escaped by an odd run of backslashes). */
const stringEnd = (text: string, open: number): number => {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0 || end < 0) return end < 0 ? text.length : end;
    end = text.indexOf('"', end + 1);
  }
};

/**
 * The dotted path (`members.0.birthYear`) of the first key that an object of `text` gives
 * twice, or undefined. JSON.parse keeps the last value of a repeated key and drops the
 * others without a word (another parser may keep the first), so a command that says
 * `"on"` twice would be recorded with one of its two dates; the edges refuse it instead,
 * as they refuse an unknown field (docs/decisions/0147). One pass over the text, without
 * recursion; keys are compared as JSON.parse reads them (escapes decoded). Meant for text
 * that JSON.parse has accepted: on other text the answer means nothing.
 */
export const repeatedKeyPath = (text: string): string | undefined => {
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  // After `{` or `,` in an object, the next string is a key.
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i = stringEnd(text, i);
      if (!keyNext) continue;
      keyNext = false;
      const frame = stack[stack.length - 1] as ObjectFrame;
      const raw = text.slice(start + 1, i);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
      if (frame.keys.has(key)) return [...stack.slice(0, -1).map((f) => (f.keys === undefined ? String(f.index) : f.key)), key].join('.');
      frame.keys.add(key);
      frame.key = key;
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), key: '' });
      keyNext = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: undefined, index: 0 });
    } else if (c === 0x2c /* , */) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) continue;
      if (frame.keys === undefined) frame.index++;
      else keyNext = true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      // An empty object ends without the key its `{` waited for.
      keyNext = false;
      stack.pop();
    }
  }
  return undefined;
};
