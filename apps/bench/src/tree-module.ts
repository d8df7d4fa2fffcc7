import { join } from 'node:path';

/**
 * A module of another checkout of this repository (a worktree of another commit, with its
 * own `node_modules`), loaded by its path through the running loader (tsx), so that it
 * brings its own packages: how the A/B measuring scripts (`fold/decide-ab.ts`,
 * `writes/import-ab.ts`, `writes/seal-cpu.ts`) run two commits' code in one process, where
 * both meet the same load, heap and flags. The checkout whose modules load first has been
 * seen to run ~6% cheaper with the same code (docs/performance/fold.md, ADR 93): run such a
 * comparison once from each checkout and read the square root of the quotient.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a module by a path known only when run; `require`, because tsx's CommonJS hook resolves it without an extension under `--require tsx/cjs` and `--import tsx` alike
export const treeModule = <T>(root: string, path: string): T => require(join(root, path)) as T;
