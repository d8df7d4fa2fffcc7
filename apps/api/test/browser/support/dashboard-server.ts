import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { createApp } from '../../../src/app';
import type { TokenEntry } from '../../../src/auth/token-entry';
import { DIVISIONS, FIXTURE_COMMANDS } from './fixture-region';

export const TOKENS = {
  caseworker: 'caseworker-region-0123456789abcdef',
  pine: 'caseworker-south-0123456789abcdef0',
  auditor: 'auditor-dashboard-0123456789abcdef',
  analyst: 'analyst-dashboard-0123456789abcdef',
} as const;

const TOKEN_ENTRIES: TokenEntry[] = [
  { token: TOKENS.caseworker, role: 'caseworker', division: 'R', name: 'cw-region' },
  { token: TOKENS.pine, role: 'caseworker', division: 'P02', name: 'cw-south' },
  { token: TOKENS.auditor, role: 'auditor', name: 'auditor-1' },
  { token: TOKENS.analyst, role: 'analyst' },
];

export interface DashboardServer {
  readonly origin: string;
  /** The SQLite file (the tamper test edits it behind the app's back). */
  readonly storePath: string;
  /** GET or POST JSON with a token, as the dashboard does. */
  api(path: string, token: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- report rows of several shapes
  close(): Promise<void>;
}

/** The real app (createApp) on a fresh SQLite file holding the fixture region, recorded through the API. */
export const startDashboardServer = async (): Promise<DashboardServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-dashboard-'));
  const storePath = join(dir, 'hearth.db');
  const store = `sqlite:${storePath}`;
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  const recorded = await ledger.recordDivisionTree(DIVISIONS, '2016-01-01');
  if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
  await ledger.close();
  const app: INestApplication = await createApp({ store, tokens: TOKEN_ENTRIES, logger: false });
  await app.listen(0, '127.0.0.1');
  const origin = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const api = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const results: { status: number; body: unknown }[] = await api('/api/commands/batch', TOKENS.caseworker, FIXTURE_COMMANDS);
  const refused = results.filter((r) => r.status >= 300);
  if (refused.length > 0) throw new Error(`fixture commands refused: ${JSON.stringify(refused.slice(0, 3))}`);
  return {
    origin,
    storePath,
    api,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
