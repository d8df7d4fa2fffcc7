/**
 * Preloaded (`node --require tsx/cjs --require child-probe.ts …`) into every child process
 * the import benchmark starts, the real `hearth` executable as well as the floor: it
 * records the process's own peak RSS and the growth of its V8 heap, and writes them as
 * JSON to the file named by HEARTH_BENCH_PROBE when the process exits. A fresh process
 * per run is what makes peak RSS meaningful (it only ever grows within a process). A process
 * it starts reports to a file of its own (`FILE.PID`).
 */
import { writeFileSync } from 'node:fs';

export interface ProbeReport {
  /** Peak resident set size of the process, bytes (getrusage ru_maxrss). */
  readonly peakRssBytes: number;
  /** V8 heap in use when the probe loaded (before the program's own modules), bytes. */
  readonly heapStartBytes: number;
  /** Highest V8 heap in use seen (sampled every 10 ms and at exit), bytes. */
  readonly heapPeakBytes: number;
}

const root = process.env['HEARTH_BENCH_PROBE'];
// A process the measured one starts (`hearth import --workers N` starts its parts) inherits the
// preload and the environment: it reports beside the root's file, never over it (child.ts adds them up).
const descendant = process.env['HEARTH_BENCH_PROBE_DESCENDANT'] === '1';
const out = root && descendant ? `${root}.${process.pid}` : root;
process.env['HEARTH_BENCH_PROBE_DESCENDANT'] = '1';
if (out) {
  const heapStartBytes = process.memoryUsage().heapUsed;
  let heapPeakBytes = heapStartBytes;
  const sample = (): void => {
    const h = process.memoryUsage().heapUsed;
    if (h > heapPeakBytes) heapPeakBytes = h;
  };
  setInterval(sample, 10).unref();
  process.on('exit', () => {
    sample();
    const report: ProbeReport = { peakRssBytes: process.resourceUsage().maxRSS * 1024, heapStartBytes, heapPeakBytes };
    writeFileSync(out, JSON.stringify(report));
  });
}
