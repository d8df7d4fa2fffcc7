import type { RunnerProgress } from '@hearth/projections';
import { progressBar, type ProgressBar } from './progress-bar';

/** A catch-up's progress as a bar on `out`, drawn from its first page: a catch-up already at the head draws nothing. */
export const readModelsBar = (out: { write(s: string): unknown; isTTY?: boolean }): { readonly onProgress: (p: RunnerProgress) => void; finish(): void } => {
  let bar: ProgressBar | undefined;
  return {
    onProgress: (p) => {
      bar ??= progressBar({ label: 'read models', total: p.head, out });
      // Stream by stream the checkpoints stay put until the build commits (decision 119): count the events read.
      bar.update(p.byStream ? p.events : p.position, `${p.events.toLocaleString('en')} events`);
    },
    finish: () => bar?.finish(),
  };
};

