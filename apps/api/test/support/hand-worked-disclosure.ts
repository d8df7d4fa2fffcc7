import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { createApp } from '../../src/app';
import type { TokenEntry } from '../../src/auth/token-entry';

/**
 * The hand-worked disclosure region of packages/projections/test/support/hand-worked-disclosure.ts
 * (written out again here: a test of this app cannot import another project's test files),
 * served over HTTP with a caseworker of the region, one of PA, an auditor and an analyst.
 *
 * R > PA > {VA1, VA2, VA3}, R > PB > {VB1, VB2}, R > PC > {VC1}
 */
export const DIVISIONS = [
  ['R', null, 'region'], ['PA', 'R', 'prefecture'], ['VA1', 'PA', 'village'], ['VA2', 'PA', 'village'], ['VA3', 'PA', 'village'],
  ['PB', 'R', 'prefecture'], ['VB1', 'PB', 'village'], ['VB2', 'PB', 'village'], ['PC', 'R', 'prefecture'], ['VC1', 'PC', 'village'],
].map(([code, parentCode, level]) => ({ code, name: `Division ${code}`, parentCode, level }));

export const TOKENS = {
  writer: 'caseworker-region-0123456789abcdef01',
  prefectureA: 'caseworker-pa-0123456789abcdef0123',
  auditor: 'auditor-0123456789abcdef0123456789',
  analyst: 'analyst-0123456789abcdef0123456789',
};
const TOKEN_ENTRIES: TokenEntry[] = [
  { token: TOKENS.writer, role: 'caseworker', division: 'R', name: 'cw-region' },
  { token: TOKENS.prefectureA, role: 'caseworker', division: 'PA', name: 'cw-pa' },
  { token: TOKENS.auditor, role: 'auditor', name: 'auditor-1' },
  { token: TOKENS.analyst, role: 'analyst' },
];

/** The region served with `commands` recorded by the region's caseworker, every one accepted. */
export interface DisclosureService {
  readonly url: string;
  close(): Promise<void>;
}

export const serveDisclosureRegion = async (commands: readonly object[]): Promise<DisclosureService> => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-disclosure-'));
  const store = `sqlite:${join(dir, 'hearth.db')}`;
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  const recorded = await ledger.recordDivisionTree(DIVISIONS, '2015-01-01');
  if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
  await ledger.close();
  const app: INestApplication = await createApp({ store, tokens: TOKEN_ENTRIES, logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const res = await fetch(`${url}/api/commands/batch`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKENS.writer}`, 'content-type': 'application/json' }, body: JSON.stringify(commands),
  });
  const statuses = ((await res.json()) as { status: number }[]).map((r) => r.status);
  if (res.status !== 200 || statuses.some((st) => st !== 201)) throw new Error(`the region's commands were not all recorded: ${res.status} ${JSON.stringify(statuses)}`);
  return {
    url,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The body of an answer to `path` asked with `token`, and its status; JSON parsed when it is JSON. */
export const getAs = async (url: string, token: string, path: string): Promise<{ status: number; text: string; body: unknown }> => {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
};
