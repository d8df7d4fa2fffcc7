import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleLog, hearth, tempDir, storeWithExampleTree } from './support/cli';

/**
 * cli.md: "Empty lines are skipped. A line that is not JSON is rejected with INVALID_COMMAND."
 * A line of whitespace JSON does not take (U+00A0, a U+FEFF past the file's start, \v, \f) is
 * not JSON: rejected, not skipped as blank (docs/decisions/0210).
 */
describe('hearth import: a line of whitespace that is not JSON\'s', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = storeWithExampleTree(dir);
  });
  afterEach(() => cleanup());

  const [register, survey] = exampleLog(1);
  const importOf = (content: string) => {
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, content);
    const r = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    return { code: r.code, summary: JSON.parse(r.stdout) as { accepted: number; rejected: { line: number; code: string }[] } };
  };

  it('is rejected as INVALID_COMMAND, line by line (exit 3), while empty lines and lines of spaces and tabs are skipped', () => {
    const { code, summary } = importOf(`${[register, '\u00A0', '', '\uFEFF', ' \t ', '\v', '\f', survey].join('\n')}\n`);
    expect({ code, accepted: summary.accepted }).toEqual({ code: 3, accepted: 2 });
    expect(summary.rejected.map((r) => [r.line, r.code])).toEqual([[2, 'INVALID_COMMAND'], [4, 'INVALID_COMMAND'], [6, 'INVALID_COMMAND'], [7, 'INVALID_COMMAND']]);
  });

  it('leaves a byte-order mark at the file\'s start and CRLF line ends as they were: skipped, nothing rejected (exit 0)', () => {
    const { code, summary } = importOf(`\uFEFF${[register, '', ' \t', survey].join('\r\n')}\r\n`);
    expect({ code, accepted: summary.accepted, rejected: summary.rejected }).toEqual({ code: 0, accepted: 2, rejected: [] });
  });
});
