import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import type { TokenEntry } from '../../src/auth/token-entry';
import type { ApiOptions } from '../../src/api-options';
import { identified } from './journey';
import { EXAMPLES, Server, startServer } from './server';

/*
 * The hand-worked region of the access audit (docs/http-api.md, "Authentication and roles"):
 *
 *   R ─ P01 ─ P01C01 ─ P01C01T01 ─ V01 Willow, V02 Stone Bridge   (the example tree)
 *     └ P02 ─ P02V01 Hill, P02V02 Lake (dropped on 2017-01-01, succeeded by P02V03 Reed)
 *
 * hh-willow (Willow), hh-stone (Stone Bridge), hh-hill (Hill): registered and identified in 2016.
 * hh-moved: registered in Willow, its registration then corrected (by the root's caseworker)
 *   to Hill, in the other province: the caseworker of Willow held it once and no longer does.
 * hh-lake: registered in Lake, moved to Reed by the reorganisation.
 */
export const WILLOW = 'P01C01T01V01';
export const STONE = 'P01C01T01V02';
export const TOWNSHIP = 'P01C01T01';
export const HILL = 'P02V01';
export const LAKE = 'P02V02';
export const REED = 'P02V03';

const EXAMPLE_TREE = JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')) as unknown[];
const SOUTH = [
  { code: 'P02', name: 'South Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: HILL, name: 'Hill Village', parentCode: 'P02', level: 'village' },
];
const LAKE_VILLAGE = { code: LAKE, name: 'Lake Village', parentCode: 'P02', level: 'village' };
const REED_VILLAGE = { code: REED, name: 'Reed Village', parentCode: 'P02', level: 'village' };
/** The reorganisation's date: after every event of the households it moves, and before today. */
export const REORGANISED_ON = '2017-01-01';

const token = (who: string) => `${who}-access-0123456789abcdef`;
export const T = {
  root: token('cw-root'),
  p01: token('cw-p01'),
  willow: token('cw-willow'),
  stone: token('cw-stone'),
  p02: token('cw-p02'),
  hill: token('cw-hill'),
  lake: token('cw-lake'),
  reed: token('cw-reed'),
  auditor: token('auditor'),
  analyst: token('analyst'),
  registrar: token('registrar'),
  /** Well formed, long enough, in no token file. */
  wrong: token('nobody'),
} as const;

const caseworker = (t: string, division: string, name: string): TokenEntry => ({ token: t, role: 'caseworker', division, name });
export const ACCESS_TOKENS: TokenEntry[] = [
  caseworker(T.root, 'R', 'cw-root'),
  caseworker(T.p01, 'P01', 'cw-p01'),
  caseworker(T.willow, WILLOW, 'cw-willow'),
  caseworker(T.stone, STONE, 'cw-stone'),
  caseworker(T.p02, 'P02', 'cw-p02'),
  caseworker(T.hill, HILL, 'cw-hill'),
  caseworker(T.lake, LAKE, 'cw-lake'),
  caseworker(T.reed, REED, 'cw-reed'),
  { token: T.auditor, role: 'auditor', name: 'auditor-1' },
  { token: T.analyst, role: 'analyst' },
  { token: T.registrar, role: 'registrar', name: 'registrar-1' },
];

export interface Region {
  readonly server: Server;
  /** The eventId of hh-moved's registration, the event its correction names. */
  readonly movedRegistration: string;
  /** When hh-moved was recorded in Willow and not yet corrected (an instant for knownAt). */
  readonly beforeCorrection: string;
  /** The log's last position, as GET /health tells an auditor. */
  head(): Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The region above on a real server and SQLite file, every command sent over HTTP by the caseworker of its village. */
export const startRegion = async (opts: Partial<ApiOptions> = {}): Promise<Region> => {
  const server = await startServer({ tokens: ACCESS_TOKENS, ...opts });
  const ledger: Ledger = server.app.get(HEARTH_LEDGER);
  const tree = (divisions: unknown[], successors?: Record<string, string>) => (successors ? { divisions, successors } : divisions);
  const grown = await ledger.recordDivisionTree(tree([...EXAMPLE_TREE, ...SOUTH, LAKE_VILLAGE]), '2016-01-01');
  if (grown._tag === 'Left') throw new Error(JSON.stringify(grown.left));
  const send = async (t: string, command: Record<string, unknown>) => {
    const answer = await server.request('POST', '/api/commands', { token: t, json: command });
    if (answer.status !== 201) throw new Error(`setup: ${String(command['type'])} of ${String(command['householdId'])} answered ${answer.status} ${answer.text}`);
    return answer.body as { appended: { eventId: string }[] };
  };
  for (const [id, division, t] of [['hh-willow', WILLOW, T.willow], ['hh-stone', STONE, T.stone], ['hh-hill', HILL, T.hill], ['hh-lake', LAKE, T.lake]] as const)
    for (const command of identified(id, division)) await send(t, command);
  const [register, ...rest] = identified('hh-moved', WILLOW);
  const movedRegistration = (await send(T.willow, register as Record<string, unknown>)).appended[0]?.eventId as string;
  for (const command of rest) await send(T.willow, command);
  // recordedAt has millisecond resolution: step past it so that the instant falls strictly between the two recordings.
  await sleep(5);
  const beforeCorrection = new Date().toISOString();
  await sleep(5);
  await send(T.root, { type: 'CorrectEvent', householdId: 'hh-moved', on: '2016-06-01', eventId: movedRegistration, correction: { divisionCode: HILL }, reason: 'registered in the wrong province' });
  const reorganised = await ledger.recordDivisionTree(tree([...EXAMPLE_TREE, ...SOUTH, REED_VILLAGE], { [LAKE]: REED }), REORGANISED_ON);
  if (reorganised._tag === 'Left' || reorganised.right.moved !== 1) throw new Error(`setup: the reorganisation ${JSON.stringify(reorganised)}`);
  const head = async () => {
    const health = await server.request('GET', '/health', { token: T.auditor });
    return health.body.head as number;
  };
  return { server, movedRegistration, beforeCorrection, head };
};

/** The status and code of an answer, to compare a row of a matrix at once (the code is absent from a success). */
export const outcome = (answer: { status: number; body: { code?: unknown } | undefined }) => ({ status: answer.status, code: answer.status < 300 ? undefined : answer.body?.code });
