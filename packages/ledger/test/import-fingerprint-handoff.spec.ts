import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintFile, fingerprintOfText, fingerprintText, type ImportPart, ImportStoppedError, importCommands, type Ledger } from '../src';
import { householdEvents, openLedger, sha256Of, splitImportLines, storeMark, writeLines } from './support/split-import-file';

const PART: ImportPart = { index: 1, count: 2 };
const LINES = splitImportLines(12, 77);

/**
 * `hearth import --workers` hashes the file once and hands each part the fingerprint
 * (docs/decisions/0172): a part takes it instead of hashing the file, and still checks every
 * byte it reads against it, so a fingerprint of other bytes stops it before it decides a line.
 */
describe("a part given the file's fingerprint", () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-handoff-'));
    file = join(dir, 'log.jsonl');
    writeLines(file, LINES);
    ledger = await openLedger(join(dir, 'h.db'));
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands over the same fingerprint it took: the SHA-256, the size, the time and every prefix digest', async () => {
    const taken = await fingerprintFile(file);
    expect(fingerprintOfText(fingerprintText(taken))).toEqual(taken);
    expect(taken.sha256).toBe(sha256Of(file));
  });

  it('imports with it what it imports hashing the file itself', async () => {
    const other = await openLedger(join(dir, 'other.db'));
    try {
      const handed = await importCommands(ledger, { source: file, part: PART, fingerprint: fingerprintOfText(fingerprintText(await fingerprintFile(file))) as never });
      const own = await importCommands(other, { source: file, part: PART });
      expect(handed).toEqual(own);
      expect(await householdEvents(ledger)).toEqual(await householdEvents(other));
    } finally {
      await other.close();
    }
  });

  it("stops before deciding a line when the fingerprint is another file's, and records nothing", async () => {
    const elsewhere = join(dir, 'other.jsonl');
    writeFileSync(elsewhere, `${LINES.slice(1).join('\n')}\n`);
    const wrong = await fingerprintFile(elsewhere);
    const before = await storeMark(ledger);
    const error = await importCommands(ledger, { source: file, part: PART, fingerprint: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportStoppedError);
    expect((error as ImportStoppedError).reason).toBe('file-changed');
    expect((error as ImportStoppedError).summary.accepted).toBe(0);
    // The split it claimed under the wrong key is all it wrote: no household event, no checkpoint.
    expect((await storeMark(ledger)).events - before.events).toBeLessThanOrEqual(1);
    expect(await householdEvents(ledger)).toEqual([]);
  });

  it('refuses a text whose last prefix digest is not its SHA-256, or that is not a fingerprint', async () => {
    const taken = JSON.parse(fingerprintText(await fingerprintFile(file))) as { sha256: string };
    expect(fingerprintOfText(JSON.stringify({ ...taken, sha256: '0'.repeat(64) }))).toMatch(/last prefix digest is not its SHA-256/);
    expect(fingerprintOfText('{"sha256":"x"}')).toMatch(/not a fingerprint/);
    expect(fingerprintOfText('garbage')).toMatch(/not JSON/);
  });

  it('refuses, without throwing, a text whose prefix marks or recording time are not what a fingerprint holds', async () => {
    const taken = JSON.parse(fingerprintText(await fingerprintFile(file))) as { sha256: string; bytes: number; marks: { end: number; digest: string }[] };
    const [first] = taken.marks;
    expect(taken.marks.length).toBeGreaterThan(0);
    const withMarks = (marks: unknown) => JSON.stringify({ ...taken, marks });
    const refusals: [string, string][] = [
      [withMarks([null]), 'prefix mark 1: end must be an offset after 0'],
      [withMarks([{ ...first, end: '12' }]), 'prefix mark 1: end must be an offset after 0'],
      [withMarks([{ ...first, end: taken.bytes + 1 }]), `prefix mark 1: end must be an offset after 0 and at most ${taken.bytes}`],
      [withMarks([first, first]), `prefix mark 2: end must be an offset after ${first?.end}`],
      [withMarks([{ ...first, digest: 42 }]), 'prefix mark 1: digest must be base64'],
      [withMarks([{ ...first, digest: 'not base64!' }]), 'prefix mark 1: digest must be base64'],
      [withMarks([{ ...first, digest: Buffer.alloc(20).toString('base64') }]), 'prefix mark 1: digest must be a SHA-256 (32 bytes)'],
      [JSON.stringify({ ...taken, mtimeNs: 'soon' }), 'not a fingerprint'],
      [JSON.stringify({ ...taken, bytes: -1 }), 'not a fingerprint'],
    ];
    for (const [text, words] of refusals) expect(fingerprintOfText(text)).toContain(words);
    // The marks as taken pass: the refusals above are the shape's, not a stricter rule than the file's own marks meet.
    expect(typeof fingerprintOfText(withMarks(taken.marks))).toBe('object');
  });
});
