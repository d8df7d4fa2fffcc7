import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { describePathProblem } from './path-problem';

const BOM = '\uFEFF';

/**
 * A JSON file's value, or why it cannot be read, in words for people naming the file and what
 * it was meant to be (`what`: "policy file", "anchor file", …): the CLI and the service read
 * their input files through it, so both say the same thing of the same file. One byte-order
 * mark at the start is skipped.
 */
export const readJsonFile = (path: string, what: string): E.Either<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${what} ${path}: ${describePathProblem(e)}`);
  }
  try {
    // Some editors (Windows Notepad) start a UTF-8 file with one, and it is no JSON token; import skips it too (decision 18).
    return E.right(JSON.parse(text.startsWith(BOM) ? text.slice(BOM.length) : text));
  } catch (e) {
    // V8 quotes a short file whole, its line breaks too: written as escapes, they break no line of the one-line message.
    return E.left(`${what} ${path} is not JSON: ${(e as Error).message.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}`);
  }
};
