import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger, regroupCommands } from '../src';
import { oneVillage, registerLine } from './support/one-village';

/**
 * cli.md: "Empty lines are skipped. A line that is not JSON is rejected with INVALID_COMMAND."
 * Blank is JSON's whitespace only (docs/decisions/0210): a line of whitespace JSON.parse refuses
 * is not JSON, for the import and for the regrouping alike.
 */
describe('a line of whitespace that JSON does not take is not blank', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-blank-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const NOT_JSON_WHITESPACE = ['\u00A0', '\uFEFF', '\v', '\f', ' \u2003 '];
  /** Lines 2, 4, 6, 8 and 10 are of whitespace JSON refuses; lines 3, 5, 7, 9 and 11 of JSON's own or nothing. */
  const lines = [registerLine('h1'), ...NOT_JSON_WHITESPACE.flatMap((odd, i) => [odd, ['', ' ', '\t', ' \t ', ''][i] as string]), registerLine('h2')];
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('the import rejects each as INVALID_COMMAND, not JSON, and skips the lines of spaces and tabs', async () => {
    const s = await importCommands(ledger, { source: file('log.jsonl', `${lines.join('\n')}\n`) });
    expect(s.accepted).toBe(2);
    expect(s.rejected.map((r) => [r.line, r.code, r.fields?.[0]?.message])).toEqual([2, 4, 6, 8, 10].map((line) => [line, 'INVALID_COMMAND', 'not JSON']));
  });

  it('a rerun counts each as a line it skips, and lists it again as rejected earlier', async () => {
    const source = file('log.jsonl', `${lines.join('\n')}\n`);
    await importCommands(ledger, { source });
    const again = await importCommands(ledger, { source });
    expect({ skipped: again.skipped, earlier: again.earlierRejected.map((r) => r.line) }).toEqual({ skipped: 7, earlier: [2, 4, 6, 8, 10] });
  });

  it('a byte-order mark at the file\'s start and CRLF line ends are read as before: nothing rejected, the CRLF-ended blank lines skipped', async () => {
    const s = await importCommands(ledger, { source: file('crlf.jsonl', `\uFEFF${[registerLine('h1'), '', ' \t', registerLine('h2')].join('\r\n')}\r\n`) });
    expect({ accepted: s.accepted, rejected: s.rejected }).toEqual({ accepted: 2, rejected: [] });
  });

  it('the regrouping leaves each out as not JSON, and drops the lines of spaces and tabs', async () => {
    const out = join(dir, 'grouped.jsonl');
    const stream = createWriteStream(out);
    const summary = await regroupCommands({ source: file('log.jsonl', `${lines.join('\n')}\n`), out: stream, scratchDir: dir });
    await new Promise<void>((done) => stream.end(done));
    expect(summary.leftOut).toEqual([2, 4, 6, 8, 10].map((line) => ({ line, reason: 'not JSON' })));
    expect({ lines: summary.lines, written: summary.written }).toEqual({ lines: 7, written: 2 });
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });
});
