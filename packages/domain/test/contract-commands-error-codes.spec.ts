import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../src';

/**
 * domain.md §4.6: "The codes are stable strings", listed there one by one. Read from the
 * page itself, so that a code added to the Decider without the page (or the other way
 * round) is seen here; §4.5's table may name only codes §4.6 lists.
 * The shape of a rejection ({code, message, fields}, a field named by its path) is pinned by
 * src/household/spec/rejection-fields.spec.ts, and by every refusal of contract-commands-*.
 */

const page = readFileSync(join(__dirname, '../../../docs/domain.md'), 'utf8');
const section = (heading: string, next: string): string => page.slice(page.indexOf(heading), page.indexOf(next));
const codesIn = (text: string): string[] => [...new Set([...text.matchAll(/`([A-Z][A-Z_]{3,})`/g)].map((m) => m[1] as string))].sort();

const listed = codesIn(section('The codes are stable strings', 'Those the original rules left unnamed'));
const named = codesIn(section('### 4.5 Commands', '**Corrections**'));

describe('domain.md §4.6: the error codes', () => {
  it('lists exactly the codes the Decider answers with', () => {
    expect(listed).toEqual([...ERROR_CODES].sort());
  });

  it('lists every code §4.5 names as a reason to refuse', () => {
    expect(named.filter((code) => !listed.includes(code))).toEqual([]);
  });
});
