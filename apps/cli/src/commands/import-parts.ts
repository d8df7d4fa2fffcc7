import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fingerprintFile, fingerprintText, type ImportPart, type ImportSummary, mergeImportSummaries, partName } from '@hearth/ledger';
import { EXIT } from '../exit-codes';
import { type GlobalOptions, storeUrl } from '../global-options';
import { log } from '../output/emit';
import type { StoppedImport } from './import-stop';

/** What `hearth import --workers N` passes on to each of its parts. */
export interface PartsRequest {
  readonly file: string;
  readonly workers: number;
  readonly batchSize: number;
  readonly cachedHouseholds?: number;
  readonly maxCachedHouseholds?: number;
  readonly quiet: boolean;
  /** The whole's progress as one JSON object a line (PartProgress), as one import's with --json-progress. */
  readonly jsonProgress?: boolean;
  readonly globals: GlobalOptions;
}

/** A part's run: how it exited, and the summary it printed (none when it stopped before importing: usage, no tree). */
export interface PartRun {
  readonly part: ImportPart;
  readonly exitCode: number;
  readonly summary?: ImportSummary & { stopped?: StoppedImport };
}

/** The progress line a part prints on stderr with --json-progress, one JSON object a line. */
export interface PartProgress {
  readonly line: number;
  readonly accepted: number;
  readonly rejected: number;
}

const HEARTH_BIN = join(__dirname, '..', '..', 'bin', 'hearth.js');

/** The parts run with this process's node flags (its shebang's), less a debugger's, whose port only one process can hold. */
const partNodeFlags = (): string[] => process.execArgv.filter((f) => !/^--(inspect|debug)/.test(f));

/** The signals that end one import (no handler of its own): the parts get them too. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

const argsOf = (req: PartsRequest, part: ImportPart): string[] => [
  ...partNodeFlags(),
  HEARTH_BIN,
  '--store', storeUrl(req.globals),
  ...(req.globals.policy !== undefined ? ['--policy', req.globals.policy] : []),
  // Each part records who the whole import does (the environment, and so $HEARTH_ACTOR, is the parent's).
  ...(req.globals.actor !== undefined ? ['--actor', req.globals.actor] : []),
  '--json',
  'import', req.file,
  '--part', partName(part),
  '--batch-size', String(req.batchSize),
  '--fingerprint-from-stdin',
  // This process's own id: a part that took its parent's id when it started would take init's, were this one killed meanwhile.
  '--stop-with-parent', String(process.pid),
  ...(req.cachedHouseholds !== undefined ? ['--cached-households', String(req.cachedHouseholds)] : []),
  ...(req.maxCachedHouseholds !== undefined ? ['--max-cached-households', String(req.maxCachedHouseholds)] : []),
  ...(req.quiet ? ['--quiet'] : ['--json-progress']),
];

const parseProgress = (text: string): PartProgress | undefined => {
  if (!text.startsWith('{"line":')) return undefined;
  try {
    return JSON.parse(text) as PartProgress;
  } catch {
    return undefined;
  }
};

/**
 * One part as a process of its own: its summary from stdout, its progress from stderr, every
 * other stderr line passed on, but once only when parts say the same (a file begun in
 * another shape is refused by each).
 */
const runPart = (req: PartsRequest, part: ImportPart, onProgress: (p: PartProgress) => void, said: Set<string>, running: Set<ChildProcess>, fingerprint: Promise<string>): Promise<PartRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argsOf(req, part), { stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    // A part that ended before taking it (a usage error) closed its end: nothing to say then.
    child.stdin.on('error', () => undefined);
    void fingerprint.then((text) => child.stdin.end(text));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    createInterface({ input: child.stderr }).on('line', (text) => {
      const progress = parseProgress(text);
      if (progress) onProgress(progress);
      else if (!said.has(text)) {
        said.add(text);
        log(`import part ${partName(part)}: ${text}`);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      let summary: PartRun['summary'];
      try {
        summary = stdout.trim() === '' ? undefined : (JSON.parse(stdout) as PartRun['summary']);
      } catch {
        summary = undefined;
      }
      if (signal !== null) log(`import part ${partName(part)}: ended by ${signal}`);
      // Ended by a signal: the shell's code for it (130 for SIGINT), as the part would have exited alone.
      const exitCode = code ?? (signal !== null ? 128 + (constants.signals[signal] ?? 0) : EXIT.unexpected);
      resolve({ part, exitCode, ...(summary ? { summary } : {}) });
    });
  });

/**
 * The exit code of the whole: a part that failed (not 0, not 3) decides it, the first in part
 * order; else 3 if any part rejected a line or stopped on a concurrent import; else 0.
 */
export const exitOfParts = (runs: readonly PartRun[]): number => {
  const failed = runs.find((r) => r.exitCode !== EXIT.ok && r.exitCode !== EXIT.someRejected);
  if (failed) return failed.exitCode;
  return runs.some((r) => r.exitCode === EXIT.someRejected) ? EXIT.someRejected : EXIT.ok;
};

/**
 * The file imported by `workers` processes at once, each `hearth import FILE --part I/N`
 * (docs/decisions/0172): started together, their progress added up on stderr once a second,
 * the runs answered when every part has ended. A part that fails does not stop the others:
 * each commits its own lines with its own checkpoints, and a rerun with the same --workers
 * resumes each where it stopped.
 */
export const runParts = async (req: PartsRequest): Promise<PartRun[]> => {
  const started = Date.now();
  let lastReport = 0;
  const latest = new Map<number, PartProgress>();
  const report = (): void => {
    const all = [...latest.values()];
    // A report that cannot be made yet (a part has not reported) does not hold back the next second's.
    if (req.quiet || all.length < req.workers || Date.now() - lastReport < 1000) return;
    lastReport = Date.now();
    // The line every part has decided through: a line's household may be any part's.
    const line = Math.min(...all.map((p) => p.line));
    const accepted = all.reduce((n, p) => n + p.accepted, 0);
    const rejected = all.reduce((n, p) => n + p.rejected, 0);
    if (req.jsonProgress) return log(JSON.stringify({ line, accepted, rejected }));
    const rate = Math.round(line / Math.max(0.001, (Date.now() - started) / 1000));
    log(`import: ${req.workers} parts · through line ${line.toLocaleString('en')} · ${accepted.toLocaleString('en')} accepted · ${rejected.toLocaleString('en')} rejected · ${rate.toLocaleString('en')} lines/s`);
  };
  const parts = Array.from({ length: req.workers }, (_, i): ImportPart => ({ index: i + 1, count: req.workers }));
  const said = new Set<string>();
  const onProgress = (part: ImportPart) => (p: PartProgress) => {
    latest.set(part.index, p);
    report();
  };
  const running = new Set<ChildProcess>();
  // Hashed once here while the parts start, not once by each (fingerprint-handoff.ts). A file that
  // cannot be hashed here hands over nothing: each part hashes it itself, and says why it cannot.
  const fingerprint = fingerprintFile(req.file).then(fingerprintText, () => '');
  // A signal that ends the whole ends its parts, as it ends one import: a part left running
  // would go on writing after the command was stopped, and race the rerun.
  const stopParts = (signal: NodeJS.Signals): void => {
    for (const s of STOP_SIGNALS) process.off(s, stopParts);
    for (const child of running) child.kill(signal);
    process.kill(process.pid, signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, stopParts);
  try {
    return await Promise.all(parts.map((part) => runPart(req, part, onProgress(part), said, running, fingerprint)));
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, stopParts);
  }
};

/**
 * The whole's "stopped", when a part stopped: the first such part's reason, the least line any stopped part committed
 * through, and every stopped part's own words. One part's words alone would name its line as where the whole resumes,
 * past the lines another part has still to commit.
 */
export const stoppedOfParts = (runs: readonly PartRun[]): (StoppedImport & { parts: string[] }) | undefined => {
  const stopped = runs.flatMap((r) => (r.summary?.stopped !== undefined ? [{ part: r.part, stop: r.summary.stopped }] : []));
  const first = stopped[0]?.stop;
  if (first === undefined) return undefined;
  return {
    reason: first.reason,
    committedThroughLine: Math.min(...stopped.map((s) => s.stop.committedThroughLine)),
    message: stopped.map((s) => `part ${partName(s.part)}: ${s.stop.message}`).join('; '),
    parts: stopped.map((s) => partName(s.part)),
  };
};

/** The parts' summaries as one (mergeImportSummaries), and each part's own counts. */
export const summaryOfParts = (runs: readonly PartRun[]) => {
  const summaries = runs.flatMap((r) => (r.summary ? [r.summary] : []));
  const whole = mergeImportSummaries(summaries);
  const parts = runs.map((r) => ({
    part: partName(r.part),
    exitCode: r.exitCode,
    ...(r.summary
      ? { accepted: r.summary.accepted, unchanged: r.summary.unchanged, rejected: r.summary.rejected.length, skipped: r.summary.skipped, resumedAfterLine: r.summary.resumedAfterLine }
      : {}),
    ...(r.summary?.stopped ? { stopped: r.summary.stopped } : {}),
  }));
  return { whole, parts, printed: summaries.length };
};
