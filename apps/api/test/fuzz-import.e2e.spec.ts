import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineCommandId } from '@hearth/ledger';
import { hearth } from './support/cli';
import { hostileBody, isUtf8, validCommands } from './support/hostile';
import { EXAMPLES } from './support/server';
import { WILLOW } from './support/tokens';

/** Files imported (one `hearth import` process each) × hostile lines per file. */
const FILES = 3;
const LINES = 1_500;

/** One line each: a newline or carriage return inside a generated input would make it two. */
const oneLine = (bytes: Buffer): Buffer => Buffer.from(bytes.map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b)));

interface Summary {
  accepted: number;
  unchanged: number;
  rejected: { line: number; code: string; message: string }[];
}

describe('fuzz: hostile lines through the real `hearth import`', () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-fuzz-import-'));
    store = `sqlite:${join(dir, 'hearth.db')}`;
    expect(hearth(store, ['divisions', 'load', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${FILES * LINES} generated lines in ${FILES} files: each accepted or a clean rejection line, never a crash; the log holds exactly the accepted commands; verify exits 0`, () => {
    let files = 0;
    let lines = 0;
    let accepted = 0;
    let unchanged = 0;
    const rejectedCodes = new Map<string, number>();
    const kinds = new Map<string, number>();
    const acceptedIds = new Set<string>();

    fc.assert(
      fc.property(fc.array(hostileBody(validCommands(WILLOW)), { minLength: LINES, maxLength: LINES }), (bodies) => {
        files += 1;
        const bytes = bodies.map((b) => oneLine(b.bytes));
        const file = join(dir, `hostile-${files}.jsonl`);
        writeFileSync(file, Buffer.concat(bytes.flatMap((b) => [b, Buffer.from('\n')])));
        const run = hearth(store, ['--json', 'import', '--quiet', file]);
        // 0: every line applied; 3: some rejected. Anything else (a crash, a stack trace) fails here.
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: run.code === 0 ? 0 : 3, stderr: '' });
        const summary = JSON.parse(run.stdout) as Summary;
        const text = readFileSync(file, 'utf8').split('\n').slice(0, LINES);
        const blank = text.filter((l) => l.trim() === '').length;
        expect(summary.accepted + summary.unchanged + summary.rejected.length).toBe(LINES - blank);
        const rejectedLines = new Set(summary.rejected.map((r) => r.line));
        for (const r of summary.rejected) {
          expect(r).toMatchObject({ line: expect.any(Number), code: expect.any(String), message: expect.any(String) });
          rejectedCodes.set(r.code, (rejectedCodes.get(r.code) ?? 0) + 1);
        }
        bytes.forEach((b, i) => {
          const kind = bodies[i]?.kind as string;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          // Bytes that are not UTF-8 are refused, never stored with replacement characters.
          if (!isUtf8(b)) expect(rejectedLines.has(i + 1)).toBe(true);
          if (!rejectedLines.has(i + 1) && text[i]?.trim() !== '') acceptedIds.add(lineCommandId(text[i] as string, i + 1));
        });
        lines += LINES;
        accepted += summary.accepted;
        unchanged += summary.unchanged;
      }),
      { numRuns: FILES, seed: Number(process.env['HEARTH_FUZZ_SEED'] ?? 20261130) },
    );

    // The household events in the log are those of the accepted lines (their commandIds), and every accepted line appended.
    const db = new Database(join(dir, 'hearth.db'), { readonly: true });
    const logged = db.prepare("SELECT DISTINCT json_extract(metadata, '$.commandId') FROM events WHERE stream_id LIKE 'household-%'").pluck().all() as string[];
    db.close();
    expect(logged).toHaveLength(accepted);
    for (const id of logged) expect(acceptedIds.has(id)).toBe(true);
    const verify = hearth(store, ['--json', 'verify']);
    expect(verify.code).toBe(0);

    const count = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`).join(', ');
    process.stdout.write(
      `import fuzz: ${lines} lines in ${files} files (${count(kinds)}); ${accepted} accepted, ${unchanged} unchanged, rejected ${count(rejectedCodes)}; ${logged.length} commands in the log; verify exit ${verify.code}\n`,
    );
    expect(lines).toBe(FILES * LINES);
    expect(accepted).toBeGreaterThan(0);
  });
});
