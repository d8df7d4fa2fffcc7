import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `npx tsx apps/bench/src/main.ts --households N --json` end to end on a tiny region, one
// run per side: the document a script reads, its keys and the arithmetic of its ratios.
// Never a speed.
jest.setTimeout(300_000);

const MAIN = resolve(__dirname, 'main.ts');
const TSX_CJS = require.resolve('tsx/cjs');

type Doc = Record<string, unknown>;
const obj = (x: unknown): Doc => {
  expect(typeof x).toBe('object');
  expect(x).not.toBeNull();
  return x as Doc;
};
const num = (x: unknown): number => {
  expect(typeof x).toBe('number');
  expect(Number.isFinite(x)).toBe(true);
  expect(x as number).toBeGreaterThan(0);
  return x as number;
};

describe('bench --json', () => {
  let workDir: string;
  let doc: Doc;
  /** The events of a store the region was imported into by one process: its rows and the division tree. */
  const eventsInOneProcess = (): number => num(obj(doc.importOneProcess).rows) + 1;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-json-'));
    const r = spawnSync(process.execPath, ['--require', TSX_CJS, MAIN, '--households', '4', '--rounds', '1', '--json', '--work', join(workDir, 'run')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bench exited with ${r.status}:\n${r.stderr.slice(-3000)}`);
    doc = JSON.parse(r.stdout) as Doc;
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("keeps today's keys and adds append, history, peer, dateOrder, importOneProcess and catchUpOneProcess", () => {
    expect(Object.keys(doc).sort()).toEqual(
      ['households', 'seed', 'rounds', 'commands', 'logBytes', 'machine', 'import', 'importOneProcess', 'decideFold', 'catchUp', 'catchUpOneProcess', 'reports', 'verify', 'append', 'history', 'peer', 'dateOrder'].sort(),
    );
    expect(doc.households).toBe(4);
    expect(doc.rounds).toBe(1);
    for (const k of ['import', 'decideFold', 'catchUp', 'verify']) num(obj(doc[k]).ratio);
  });

  it('import: in two processes by default (decision 172), and in one beside it, with the keys of import and the same outcome', () => {
    const split = obj(doc.import);
    const whole = obj(doc.importOneProcess);
    expect(split.workers).toBe(2);
    expect(whole.workers).toBe(1);
    expect(Object.keys(whole).sort()).toEqual(Object.keys(split).filter((k) => k !== 'storePath').sort());
    for (const k of ['commands', 'accepted', 'rejected']) expect(whole[k]).toBe(split[k]);
    num(whole.ratio);
  });

  it('catchUpOneProcess: the catch-up of the store the import in one process wrote, with the keys of catchUp and its arithmetic', () => {
    const c = obj(doc.catchUpOneProcess);
    expect(Object.keys(c).sort()).toEqual(Object.keys(obj(doc.catchUp)).filter((k) => k !== 'projectedStorePath').sort());
    expect(c.events).toBe(eventsInOneProcess());
    expect(num(c.ratio)).toBeCloseTo(num(c.subjectMs) / num(c.baselineMs), 12);
  });

  it('append: {subjectPerSec, baselinePerSec, ratio} with ratio = subjectPerSec / baselinePerSec', () => {
    const a = obj(doc.append);
    const ratio = num(a.subjectPerSec) / num(a.baselinePerSec);
    expect(num(a.ratio)).toBeCloseTo(ratio, 12);
    expect(num(a.subjectPerSec)).toBeCloseTo((num(a.commands) * 1000) / num(a.subjectMs), 6);
  });

  it('history: {p50Us, p99Us, baselineP99Us, ratio} with ratio = p99Us / baselineP99Us', () => {
    const h = obj(doc.history);
    expect(num(h.p50Us)).toBeLessThanOrEqual(num(h.p99Us));
    expect(num(h.ratio)).toBeCloseTo(num(h.p99Us) / num(h.baselineP99Us), 12);
  });

  it("peer: append and readStream as {hearthPerSec, emmettPerSec, ratio} with ratio = Hearth's rate / Emmett's", () => {
    const p = obj(doc.peer);
    for (const r of [obj(p.append), obj(p.readStream), obj(obj(p.oneConnection).append), obj(obj(p.oneConnection).readStream)]) {
      expect(num(r.ratio)).toBeCloseTo(num(r.hearthPerSec) / num(r.emmettPerSec), 12);
    }
    const e = obj(p.emmett);
    expect(e.synchronous).toBe(1);
    expect(e.journalMode).toBe('wal');
  });

  it('dateOrder: the import and the catch-up on the same commands in date order, with the keys and ratios of import and catchUp', () => {
    const d = obj(doc.dateOrder);
    const imported = obj(d.import);
    const caughtUp = obj(d.catchUp);
    expect(Object.keys(imported).sort()).toEqual(Object.keys(obj(doc.import)).filter((k) => k !== 'storePath').sort());
    expect(Object.keys(caughtUp).sort()).toEqual(Object.keys(obj(doc.catchUp)).filter((k) => k !== 'projectedStorePath').sort());
    // The same commands and the same answers to them, whatever their order. The log in date order is imported in one
    // process, whose rows are those of the import in one process (two parts write a checkpoint more, and the split).
    for (const k of ['commands', 'accepted', 'rejected', 'rows']) expect(imported[k]).toBe(obj(doc.importOneProcess)[k]);
    expect(caughtUp.events).toBe(eventsInOneProcess());
    num(imported.ratio);
    expect(num(caughtUp.ratio)).toBeCloseTo(num(caughtUp.subjectMs) / num(caughtUp.baselineMs), 12);
  });

  it('dateOrder.rebuild: the rebuild into a file of its own of the log in date order, {events, subjectMs, baselineMs, ratio} with ratio = subjectMs / baselineMs', () => {
    const r = obj(obj(doc.dateOrder).rebuild);
    expect(Object.keys(r).sort()).toEqual(['baselineEventsPerSec', 'baselineMs', 'events', 'ratio', 'subjectEventsPerSec', 'subjectMs']);
    expect(r.events).toBe(eventsInOneProcess());
    expect(num(r.ratio)).toBeCloseTo(num(r.subjectMs) / num(r.baselineMs), 12);
  });

  it('dateOrder.regrouped: regrouping the log in date order and importing it, the import with the keys of import, ratio = (regroup + import) / floor', () => {
    const r = obj(obj(doc.dateOrder).regrouped);
    const imported = obj(r.import);
    expect(Object.keys(imported).sort()).toEqual(Object.keys(obj(doc.import)).filter((k) => k !== 'storePath').sort());
    for (const k of ['commands', 'accepted', 'rejected', 'rows']) expect(imported[k]).toBe(obj(doc.importOneProcess)[k]);
    const s = obj(imported.subject);
    const b = obj(imported.baseline);
    const net = s.netMs !== null && b.netMs !== null;
    const expected = net ? (num(r.regroupMs) + num(s.netMs)) / num(b.netMs) : (num(r.regroupMs) + num(s.grossMs)) / num(b.grossMs);
    expect(num(r.ratio)).toBeCloseTo(expected, 12);
    expect(r.regroupRunsMs).toEqual([r.regroupMs]); // one round: the median is its run
  });
});
