/** The most characters of input a message repeats; longer input is cut, saying how long it was. */
export const MAX_ECHO = 40;

/**
 * Input quoted in a message: as JSON (so control characters come out escaped), and
 * cut to MAX_ECHO characters with an ellipsis and the original length, so that a
 * hostile 500,000-character key cannot make a megabyte of error message.
 */
export const quoteInput = (s: string): string =>
  s.length <= MAX_ECHO ? JSON.stringify(s) : `${JSON.stringify(s.slice(0, MAX_ECHO))}… (${s.length} characters)`;
