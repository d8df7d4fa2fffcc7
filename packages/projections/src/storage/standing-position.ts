import type { Checkpoint } from './checkpoints';

/**
 * The one position every named projection stands at (one with no checkpoint stands at 0),
 * or `undefined` when they differ: some were reset by a rebuild in another process and
 * not yet replayed, and no answer read from them would be a fold of the log up to any
 * one position.
 */
export const standingPosition = (stored: ReadonlyMap<string, Checkpoint>, names: readonly string[]): number | undefined => {
  let position: number | undefined;
  for (const name of names) {
    const p = stored.get(name)?.position ?? 0;
    if (position === undefined) position = p;
    else if (p !== position) return undefined;
  }
  return position ?? 0;
};
