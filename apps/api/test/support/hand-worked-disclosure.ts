import type { TokenEntry } from '../../src/auth/token-entry';
import { serveRecordedRegion } from './recorded-region';

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
  const served = await serveRecordedRegion({
    divisions: DIVISIONS, treeOn: '2015-01-01', tokens: TOKEN_ENTRIES, commands, writerToken: TOKENS.writer, folderPrefix: 'hearth-disclosure-',
  });
  return { url: served.origin, close: served.close };
};

/** The body of an answer to `path` asked with `token`, and its status; JSON parsed when it is JSON. */
export const getAs = async (url: string, token: string, path: string): Promise<{ status: number; text: string; body: unknown }> => {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
};

/** The JSON of a 200 answer to `path` asked with `token` (a test fails, naming the path, on any other status). */
export const jsonAs = async (service: DisclosureService, token: string, path: string): Promise<Record<string, unknown>> => {
  const answer = await getAs(service.url, token, path);
  expect({ path, status: answer.status }).toEqual({ path, status: 200 });
  return answer.body as Record<string, unknown>;
};
