import type { TokenEntry } from '../../../src/auth/token-entry';
import { serveRecordedRegion } from '../../support/recorded-region';
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
  const { origin, storePath, close } = await serveRecordedRegion({
    divisions: DIVISIONS, treeOn: '2016-01-01', tokens: TOKEN_ENTRIES, commands: FIXTURE_COMMANDS, writerToken: TOKENS.caseworker, folderPrefix: 'hearth-dashboard-',
  });
  const api = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { origin, storePath, api, close };
};
