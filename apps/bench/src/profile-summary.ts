/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) by self time: per function and per
 * place (a workspace package, a node_modules package, Node's internals, or V8's own
 * buckets such as "(garbage collector)").
 *
 *   npx tsx apps/bench/src/profile-summary.ts PROFILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Where a script lives, short: `@hearth/event-store`, `better-sqlite3`, `node:internal`, or V8's bucket name. */
export const placeOf = (url: string, functionName: string): string => {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const mods = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (mods) {
    const last = mods[mods.length - 1] as string;
    const name = last.slice('node_modules/'.length);
    return name;
  }
  const ws = url.match(/\/(packages|apps)\/([^/]+)\//);
  if (ws) return `@hearth/${ws[2]}`;
  return url.replace(/^file:\/\//, '');
};

const label = (n: CpuProfileNode): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  if (url === '') return functionName || '(anonymous)';
  const file = url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};

/**
 * Self time per node: from the samples and their time deltas when present (exact), else
 * from hit counts spread evenly over the profile's duration.
 */
const selfMsByNode = (p: CpuProfile): Map<number, number> => {
  const out = new Map<number, number>();
  if (p.samples && p.timeDeltas && p.samples.length === p.timeDeltas.length) {
    // timeDeltas[i] is the time before sample i; attribute the gap after a sample to it.
    for (let i = 0; i < p.samples.length; i++) {
      const next = p.timeDeltas[i + 1] ?? 0;
      const id = p.samples[i] as number;
      out.set(id, (out.get(id) ?? 0) + next / 1000);
    }
    return out;
  }
  const hits = p.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const perHit = hits > 0 ? (p.endTime - p.startTime) / 1000 / hits : 0;
  for (const n of p.nodes) out.set(n.id, (n.hitCount ?? 0) * perHit);
  return out;
};

const top = (m: Map<string, number>, total: number, n: number): SelfTime[] =>
  [...m.entries()]
    .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);

export const summariseProfile = (p: CpuProfile, n = 20): { totalMs: number; functions: SelfTime[]; places: SelfTime[] } => {
  const self = selfMsByNode(p);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let totalMs = 0;
  for (const node of p.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    totalMs += ms;
    const f = label(node);
    byFunction.set(f, (byFunction.get(f) ?? 0) + ms);
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  }
  return { totalMs, functions: top(byFunction, totalMs, n), places: top(byPlace, totalMs, n) };
};

const render = (title: string, rows: readonly SelfTime[]): string =>
  [title, ...rows.map((r) => `${(r.share * 100).toFixed(1).padStart(5)}%  ${Math.round(r.ms).toLocaleString('en').padStart(7)} ms  ${r.name}`)].join('\n');

if (require.main === module) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const file = args.find((a, i) => !a.startsWith('--') && !(topAt >= 0 && i === topAt + 1));
  const n = topAt >= 0 ? Number(args[topAt + 1]) : 25;
  if (!file) {
    process.stderr.write('usage: profile-summary PROFILE.cpuprofile [--top N]\n');
    process.exitCode = 2;
  } else {
    const s = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, n);
    process.stdout.write(`${render(`Self time by place (of ${Math.round(s.totalMs).toLocaleString('en')} ms sampled)`, s.places)}\n\n${render('Self time by function', s.functions)}\n`);
  }
}
