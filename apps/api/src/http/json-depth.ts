/** Deepest nesting of arrays and objects a request body may have: no command comes near it. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of `[` and `{` in a JSON text, counted in one pass outside strings
 * and without recursion, so a hostile body of a million brackets costs a loop, not a
 * stack. It stops counting once past `limit` (the text is refused anyway). Meant for text
 * about to be parsed: on text that is not JSON the figure means nothing, and JSON.parse refuses it.
 */
export const jsonDepthExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
};
