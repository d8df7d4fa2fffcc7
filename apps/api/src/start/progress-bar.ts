/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise
 * (logs and CI output stay readable).
 */
export interface ProgressBar {
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

export interface ProgressBarOptions {
  readonly label: string;
  readonly total: number;
  readonly out?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  readonly width?: number;
  /** Injected in tests. */
  readonly now?: () => number;
}

export const renderBar = (done: number, total: number, width: number): string => {
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
};

export const progressBar = (opts: ProgressBarOptions): ProgressBar => {
  const out = opts.out ?? process.stderr;
  const width = opts.width ?? 30;
  const now = opts.now ?? Date.now;
  const started = now();
  const tty = out.isTTY === true;
  let lastDecile = -1;
  let lastDraw = 0;
  const line = (done: number, detail?: string): string =>
    `${opts.label} ${renderBar(done, opts.total, width)} ${done.toLocaleString('en')}/${opts.total.toLocaleString('en')}${detail ? ` · ${detail}` : ''} · ${Math.round((now() - started) / 1000)} s`;
  return {
    update(done, detail) {
      if (tty) {
        if (now() - lastDraw < 100) return;
        lastDraw = now();
        out.write(`\r${line(done, detail)}\x1b[K`);
        return;
      }
      const decile = opts.total <= 0 ? 10 : Math.floor((done / opts.total) * 10);
      if (decile === lastDecile || decile >= 10) return;
      lastDecile = decile;
      out.write(`${line(done, detail)}\n`);
    },
    finish(detail) {
      out.write(`${tty ? '\r' : ''}${line(opts.total, detail)}${tty ? '\x1b[K' : ''}\n`);
    },
  };
};
