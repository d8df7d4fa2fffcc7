import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { describePathProblem } from './path-problem';

/**
 * A JSON file's value, or why it cannot be read, in words for people naming the file and what
 * it was meant to be (`what`: "policy file", "anchor file", …): the CLI and the service read
 * their input files through it, so both say the same thing of the same file.
 */
export const readJsonFile = (path: string, what: string): E.Either<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${what} ${path}: ${describePathProblem(e)}`);
  }
  try {
    return E.right(JSON.parse(text));
  } catch (e) {
    return E.left(`${what} ${path} is not JSON: ${(e as Error).message}`);
  }
};
