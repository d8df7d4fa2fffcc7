import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, hearth, signalledWhen, tempDir } from './support/cli';
import { launchLogged } from './support/logged-child';
import { until } from './support/until';

/**
 * `hearth project --status-file` is for a monitor: when the file cannot be written (a full
 * disk, its directory removed), the projector says so once and keeps the read models,
 * rather than dying on the error; it writes the file again once it can.
 */
/** A store holding a five-household region's tree, and the region's log beside it (not imported). */
const smallRegion = (dir: string): { store: string; log: string } => {
  const store = `sqlite:${join(dir, 'h.db')}`;
  const divisions = join(dir, 'divisions.json');
  const log = join(dir, 'region.jsonl');
  expect(hearth(['generate', '--households', '5', '--seed', '3', '--out', log, '--divisions-out', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'divisions', 'load', divisions]).code).toBe(0);
  return { store, log };
};

describe('hearth project with a status file that cannot be written', () => {
  it('goes on keeping the read models, says so once, and writes the file again when it can', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { store, log } = smallRegion(dir);
      const watched = join(dir, 'status');
      mkdirSync(watched);
      const statusFile = join(watched, 'project.json');
      // Its output goes to a file: the synchronous CLI calls below would leave a pipe undrained (logged-child.ts).
      const projector = launchLogged(process.execPath, [BIN, '--store', store, 'project', '--status-every', '0.2', '--status-file', statusFile], dir);
      const { child } = projector;
      try {
        await until('the status file', () => existsSync(statusFile) && (JSON.parse(readFileSync(statusFile, 'utf8')) as { state: string }).state === 'live');

        rmSync(watched, { recursive: true, force: true });
        await until('the failure said', () => /cannot write the status file/.test(projector.stderr()));
        // The projector still works: an import meanwhile reaches the read models.
        expect([0, 3]).toContain(hearth(['--store', store, 'import', '--quiet', log]).code);
        const head = (JSON.parse(hearth(['--json', '--store', store, 'verify']).stdout) as { events: number }).events;
        await until('the projector at the head', () => new RegExp(`live · position ${head.toLocaleString('en')} `).test(projector.stderr().split('\n').slice(-3).join('\n')));
        expect(projector.stderr().match(/cannot write the status file/g)).toHaveLength(1);

        mkdirSync(watched);
        await until('the status file again', () => existsSync(statusFile));
        expect(JSON.parse(readFileSync(statusFile, 'utf8'))).toMatchObject({ state: 'live', position: head });
        // The file can appear before the projector writes the line that says so.
        await until('the recovery said', () => /the status file .* is written again/.test(projector.stderr()));
      } finally {
        child.kill('SIGTERM');
      }
      expect((await projector.done).code).toBe(0);
    } finally {
      cleanup();
    }
  }, 300_000);
});

describe('hearth --json project stopped by SIGTERM', () => {
  it('prints its last status as the status file holds it: every key of cli.md, head and pid included', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { store, log } = smallRegion(dir);
      expect([0, 3]).toContain(hearth(['--store', store, 'import', '--quiet', log]).code);
      const ended = await signalledWhen(['--store', store, '--json', 'project', '--status-every', '60'], /project: live/, 'SIGTERM');
      expect(ended.code).toBe(0);
      const status = JSON.parse(ended.stdout) as Record<string, unknown>;
      expect(Object.keys(status).sort()).toEqual(['head', 'lastError', 'pid', 'position', 'readModels', 'restarts', 'retryInMs', 'state', 'updatedAt'].sort());
      expect(status).toMatchObject({ state: 'stopped', head: status['position'], pid: expect.any(Number), updatedAt: expect.any(String) });
      // No failure happened: no error to name, null (as /health's readModels.lastError), not an empty message.
      expect(status).toMatchObject({ restarts: 0, lastError: null });
    } finally {
      cleanup();
    }
  }, 120_000);

  it('names the head from the start, not only from the first tick: in its lines and in the status file, a stop before that tick too', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { store, log } = smallRegion(dir);
      expect([0, 3]).toContain(hearth(['--store', store, 'import', '--quiet', log]).code);
      const statusFile = join(dir, 'project.json');
      // The first tick is a minute away: the projector is stopped long before it.
      const ended = await signalledWhen(['--store', store, 'project', '--status-every', '60', '--status-file', statusFile], /project: live/, 'SIGTERM');
      expect(ended.code).toBe(0);
      const head = (JSON.parse(hearth(['--json', '--store', store, 'verify']).stdout) as { events: number }).events;
      expect(ended.stderr).toMatch(new RegExp(`live · position ${head.toLocaleString('en')} of ${head.toLocaleString('en')}`));
      expect(JSON.parse(readFileSync(statusFile, 'utf8'))).toMatchObject({ state: 'stopped', position: head, head });
    } finally {
      cleanup();
    }
  }, 120_000);
});
