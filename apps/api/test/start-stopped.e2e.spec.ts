import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy, type HouseholdCommand } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { checkpointPositions } from '@hearth/projections/testing';
import { killLeftRunning, launch, listening, STARTUP_MS, type Started } from './support/start-process';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
];

/** Registered, surveyed, applied, identified: four events. */
const journey = (householdId: string): HouseholdCommand[] => [
  { type: 'RegisterHousehold', householdId, on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] },
  {
    type: 'SurveyHousehold', householdId, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'],
    members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
  },
  { type: 'ApplyForIdentification', householdId, on: '2016-03-01' },
  { type: 'IdentifyHousehold', householdId, on: '2016-04-01' },
];

/**
 * `npm start` stopped by a signal while the read models catch up, before it listens
 * (decision 123): it stops after the page being written, not at the end of the log (at the
 * full region minutes to an hour later, after which it listened, printed its banner and
 * only then stopped), exit 0; the next start resumes from that page.
 */
describe('npm start stopped while its read models catch up', () => {
  let dir: string;
  const running: Started[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-start-stopped-'));
  });
  afterEach(async () => {
    await killLeftRunning(running);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'stops after the page being written, without listening, keeps the pages written, and the next start catches up from them with a progress bar and listens',
    async () => {
      const file = join(dir, 'hearth.db');
      const ledger = await Ledger.open({ storeUrl: `sqlite:${file}`, policy: referencePolicy });
      let head: number;
      try {
        await ledger.recordDivisionTree(divisions, '2016-01-01');
        // Three pages of 5,000 events (the last short); the read models stay at zero (the ledger does not project). The
        // signal is heard when the catch-up lets the event loop turn, after its first page: the stop comes after the second.
        for (let i = 0; i < 2_600; i++) for (const c of journey(`hh-${i}`)) expect((await ledger.commandHandler().handle(c, ledger.context())).status).toBe('accepted');
        head = await ledger.store.headPosition();
      } finally {
        await ledger.close();
      }
      const env = { HEARTH_STORE: `sqlite:${file}`, PORT: '0' };
      const first = launch([], env, dir);
      running.push(first);
      // Said before the service is built, whose bootstrap catches the read models up: the signal arrives meanwhile.
      await new Promise<void>((res, rej) => {
        const timer = setInterval(() => {
          if (!/as it is \(it already holds events/.test(first.err())) return;
          clearInterval(timer);
          res();
        }, 5);
        void first.exited.then(() => rej(new Error(`exited first: ${first.err()}`)));
      });
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.err()).toMatch(/hearth: stopped before the service started/);
      expect(first.out()).not.toMatch(/Hearth is listening/);
      const kept = checkpointPositions(file);
      expect(new Set(kept).size).toBe(1);
      expect(kept[0]).toBeGreaterThan(0);
      expect(kept[0]).toBeLessThan(head);

      const second = launch([], env, dir);
      running.push(second);
      const url = await listening(second);
      // The rest of the catch-up drawn on stderr before the URL, from where the first start stopped to the head.
      expect(second.err()).toMatch(new RegExp(`read models \\[#+\\] 100% ${head.toLocaleString('en')}/${head.toLocaleString('en')}`));
      const health = (await (await fetch(`${url}/health`)).json()) as { head: number };
      expect(health.head).toBe(head);
      expect(checkpointPositions(file)).toEqual(kept.map(() => head));
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
    2 * STARTUP_MS,
  );
});
