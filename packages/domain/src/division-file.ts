import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { closed } from './codec/closed';
import { fieldErrors, FieldError } from './codec/decode-errors';
import { BusinessDateC, IdC } from './codec/primitives';
import { Division, DivisionListC } from './divisions';

/** Old code → the code that replaces it, for divisions a new tree drops (docs/decisions/0015). */
export const SuccessorsC = t.record(IdC, IdC, 'Successors (old code → new code)');
export type Successors = t.TypeOf<typeof SuccessorsC>;

/**
 * A division file: either the plain array of divisions (cli.md), or an object that also
 * says from when the tree is in force and which division succeeds each one it drops.
 */
export const DivisionFileC = closed('DivisionFile', { divisions: DivisionListC }, { effectiveFrom: BusinessDateC, successors: SuccessorsC });

export interface DivisionFile {
  readonly divisions: readonly Division[];
  readonly successors: Successors;
  /** Absent in a plain array: the caller supplies the date (cli: `--effective`, default today). */
  readonly effectiveFrom?: string;
}

export const parseDivisionFile = (input: unknown): E.Either<FieldError[], DivisionFile> => {
  if (Array.isArray(input)) {
    const list = DivisionListC.decode(input);
    return E.isLeft(list) ? E.left(fieldErrors(list.left)) : E.right({ divisions: list.right, successors: {} });
  }
  const file = DivisionFileC.decode(input);
  if (E.isLeft(file)) return E.left(fieldErrors(file.left));
  const { divisions, successors, effectiveFrom } = file.right;
  return E.right({ divisions, successors: successors ?? {}, ...(effectiveFrom !== undefined ? { effectiveFrom } : {}) });
};
