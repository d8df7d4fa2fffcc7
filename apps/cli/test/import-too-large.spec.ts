import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { verifyStream } from '@hearth/event-store';
import { startEsdbStandIn, type EsdbStandIn } from '@hearth/event-store-esdb/testing';
import { importCommands, Ledger } from '@hearth/ledger';
import { EXAMPLES, hearthFinished, tempDir } from './support/cli';
import { apply, divisions, register } from './support/small-region';

jest.setTimeout(60_000);

/** A store whose server takes at most 4,000 bytes an append: a survey of a few long skill lists is over it. */
const LIMIT = 4000;

const survey = (id: string, skills: readonly string[]) =>
  JSON.stringify({
    type: 'SurveyHousehold', householdId: id, on: '2016-02-01', householdSize: 1, povertyCauses: ['illness'],
    members: [{ memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills, languages: [], wantsWork: true, preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] }],
  });

/**
 * Line 2 is accepted by the ledger but its survey is over the store's append limit; line 4
 * applies for the same household, which needs a survey: decided without line 2's events it
 * is refused (NOT_SURVEYED); line 5 surveys it within the limit, and line 6's application
 * is then accepted.
 */
const LINES = [
  register('hh-big'),
  survey('hh-big', Array.from({ length: 40 }, (_, i) => `skill-${i}-${'x'.repeat(140)}`)),
  register('hh-after'),
  apply('hh-big', '2016-03-01'),
  survey('hh-big', ['carpentry']),
  apply('hh-big', '2016-03-02'),
];

describe('an import line over the store\'s append limit (decision 152)', () => {
  let server: EsdbStandIn;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    server = await startEsdbStandIn({ maxAppendSize: LIMIT });
    dir = mkdtempSync(join(tmpdir(), 'hearth-too-large-'));
    file = join(dir, 'log.jsonl');
    writeFileSync(file, `${LINES.join('\n')}\n`);
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const householdEvents = async (ledger: Ledger) =>
    (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('household-')).map((e) => ({ streamId: e.streamId, type: e.type, commandId: e.metadata.commandId }));

  it.each([1000, 2])('refuses that line alone, imports the others, and answers a rerun the same (batches of %i lines)', async (batchSize) => {
    const ledger = await Ledger.open({ storeUrl: `${server.url}&maxAppendSize=${LIMIT}`, policy: referencePolicy });
    try {
      await ledger.recordDivisionTree(divisions, '2016-01-01');
      const first = await importCommands(ledger, { source: file, batchSize });
      expect(first).toMatchObject({ accepted: 4, unchanged: 0, skipped: 0, earlierRejected: [] });
      expect(first.rejected).toEqual([
        {
          line: 2, householdId: 'hh-big', type: 'SurveyHousehold', code: 'TOO_LARGE_FOR_STORE',
          message: expect.stringMatching(new RegExp(`^the HouseholdSurveyed event this line records is \\d{4} bytes, over the store's append limit of ${LIMIT} bytes: nothing appended`)),
          fields: [{ path: 'members', message: expect.stringMatching(/^the largest part of the line \(\d+ bytes\)/) }],
        },
        expect.objectContaining({ line: 4, householdId: 'hh-big', code: 'NOT_SURVEYED' }),
      ]);
      const size = Number(/is (\d+) bytes/.exec(first.rejected[0]?.message ?? '')?.[1]);
      expect(size).toBeGreaterThan(LIMIT);
      const events = await householdEvents(ledger);
      expect(events.map((e) => `${e.streamId} ${e.type}`)).toEqual([
        'household-hh-big HouseholdRegistered',
        'household-hh-after HouseholdRegistered',
        'household-hh-big HouseholdSurveyed',
        'household-hh-big IdentificationApplied',
      ]);
      // The refused survey left no link in the chain: the stream verifies from its first event.
      expect(verifyStream(await ledger.store.readStream('household-hh-big'))).toMatchObject({ ok: true });

      const again = await importCommands(ledger, { source: file, batchSize });
      expect(again).toMatchObject({ accepted: 0, unchanged: 0, rejected: [], skipped: 6, resumedAfterLine: 6 });
      expect(again.earlierRejected.map((r) => [r.line, r.code, r.message])).toEqual(first.rejected.map((r) => [r.line, r.code, r.message]));
      expect(await householdEvents(ledger)).toEqual(events);
    } finally {
      await ledger.close();
    }
  });

  // A batch's checkpoint keeps its rejections, and the store limits it as any append: lines that do not
  // parse count toward the batch, so no checkpoint keeps more than a batch of them.
  it('imports a file of many lines that do not parse in checkpoints the store takes, not one over its limit', async () => {
    const bad = Array.from({ length: 60 }, (_, i) => JSON.stringify({ type: 'RegisterHousehold', householdId: `hh-bad-${i}`, on: '2016-02-31', divisionCode: 'V1', members: [] }));
    writeFileSync(file, `${[...bad, register('hh-after')].join('\n')}\n`);
    const ledger = await Ledger.open({ storeUrl: `${server.url}&maxAppendSize=${LIMIT}`, policy: referencePolicy });
    try {
      await ledger.recordDivisionTree(divisions, '2016-01-01');
      const summary = await importCommands(ledger, { source: file, batchSize: 10 });
      expect({ accepted: summary.accepted, rejected: summary.rejected.length, codes: [...new Set(summary.rejected.map((r) => r.code))] }).toEqual({ accepted: 1, rejected: 60, codes: ['INVALID_COMMAND'] });
      const again = await importCommands(ledger, { source: file, batchSize: 10 });
      expect({ skipped: again.skipped, earlierRejected: again.earlierRejected.length }).toEqual({ skipped: 61, earlierRejected: 60 });
    } finally {
      await ledger.close();
    }
  });
});

/** Lines of a survey of fourteen members with long skill lists (CJK: three bytes a character), `bytes` long at most, within a byte or two. */
const surveyOfBytes = (bytes: number): string => {
  const members = Array.from({ length: 14 }, (_, i) => ({
    memberId: `m${i}`, health: 'healthy', laborCapacity: 'full', education: 'primary', languages: [], wantsWork: true,
    preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
    skills: Array.from({ length: 50 }, (_, n) => `${n}`.padEnd(500, '技')),
  }));
  const line = () => JSON.stringify({ type: 'SurveyHousehold', householdId: 'hh-big', on: '2016-02-10', householdSize: 14, povertyCauses: ['illness'], members });
  const last = (members.at(-1) as { skills: string[] }).skills;
  while (Buffer.byteLength(line()) - Buffer.byteLength(last.at(-1) as string) > bytes) last.pop();
  const excess = Buffer.byteLength(line()) - bytes;
  if (excess > 0) last[last.length - 1] = (last.at(-1) as string).slice(0, -Math.ceil(excess / 3));
  return line();
};

describe('hearth import on KurrentDB, a line over the server\'s 1 MiB append limit (the audit\'s file, decision 152)', () => {
  let server: EsdbStandIn;
  beforeAll(async () => {
    server = await startEsdbStandIn();
  });
  afterAll(() => server.close());

  const registerBig = JSON.stringify({ type: 'RegisterHousehold', householdId: 'hh-big', on: '2016-02-01', divisionCode: 'P01C01T01V01', members: Array.from({ length: 14 }, (_, i) => ({ memberId: `m${i}`, birthYear: 1980 })) });
  const registerAfter = JSON.stringify({ type: 'RegisterHousehold', householdId: 'hh-after', on: '2016-02-01', divisionCode: 'P01C01T01V01', members: [{ memberId: 'a1', birthYear: 1980 }] });
  const applyBig = JSON.stringify({ type: 'ApplyForIdentification', householdId: 'hh-big', on: '2016-03-01' });

  it("lists the line TOO_LARGE_FOR_STORE with its size and the limit, imports the rest with exit 3, answers a rerun the same; SQLite takes the whole file, and migrate from it stops at that event naming the target's limit", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const survey = surveyOfBytes(1_048_500);
      expect(Buffer.byteLength(survey)).toBeGreaterThan(1_048_490);
      const file = join(dir, 'big.jsonl');
      writeFileSync(file, `${[registerBig, survey, registerAfter, applyBig].join('\n')}\n`);
      const store = ['--store', server.url];
      expect((await hearthFinished([...store, 'divisions', 'load', join(EXAMPLES, 'divisions.json')])).code).toBe(0);

      const first = await hearthFinished([...store, '--json', 'import', '--quiet', file]);
      expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 3, stderr: '' });
      const summary = JSON.parse(first.stdout) as { accepted: number; rejected: { line: number; code: string; message: string; fields: { path: string }[] }[] };
      expect(summary).toMatchObject({ accepted: 2, unchanged: 0, skipped: 0, earlierRejected: [] });
      expect(summary.rejected.map((r) => [r.line, r.code, r.fields[0]?.path])).toEqual([[2, 'TOO_LARGE_FOR_STORE', 'members'], [4, 'NOT_SURVEYED', 'householdId']]);
      expect(summary.rejected[0]?.message).toMatch(/^the HouseholdSurveyed event this line records is 1048\d{3} bytes, over the store's append limit of 1048576 bytes: nothing appended/);

      const again = await hearthFinished([...store, '--json', 'import', '--quiet', file]);
      expect(again.code).toBe(3);
      expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 0, rejected: [], skipped: 4, resumedAfterLine: 4, earlierRejected: [{ line: 2, code: 'TOO_LARGE_FOR_STORE' }, { line: 4, code: 'NOT_SURVEYED' }] });
      const verified = await hearthFinished([...store, '--json', 'verify']);
      expect({ code: verified.code, anomalies: JSON.parse(verified.stdout).anomalies }).toEqual({ code: 0, anomalies: [] });

      // The same file on SQLite, which has no append limit: every line is imported.
      const sqlite = ['--store', `sqlite:${join(dir, 'hearth.db')}`];
      expect((await hearthFinished([...sqlite, 'divisions', 'load', join(EXAMPLES, 'divisions.json')])).code).toBe(0);
      const embedded = await hearthFinished([...sqlite, '--json', 'import', '--quiet', file]);
      expect(JSON.parse(embedded.stdout)).toMatchObject({ accepted: 4, rejected: [] });
      expect(embedded.code).toBe(0);
      const target = await startEsdbStandIn();
      try {
        const migrated = await hearthFinished(['migrate', '--from', `sqlite:${join(dir, 'hearth.db')}`, '--to', target.url]);
        // hearth migrate meets the event the KurrentDB import refused: it stops there, saying the target's limit must rise.
        expect(migrated.code).toBe(6);
        expect(migrated.stderr).toMatch(/the migration stopped: event [0-9a-f-]+ \(HouseholdSurveyed\) of household-hh-big is 1048\d{3} bytes, over the target's append limit of 1048576 bytes, and was not copied\. .*raise the server's MaxAppendSize/);
      } finally {
        await target.close();
      }
      // The remedies it names work as it words them: a server of 25.1 or later (256 MiB an append) takes the event
      // only once the --to URL gives its limit, since Hearth assumes 1 MiB without it.
      const newer = await startEsdbStandIn({ maxAppendSize: 256 * 1_048_576 });
      try {
        const from = ['migrate', '--from', `sqlite:${join(dir, 'hearth.db')}`];
        const unnamed = await hearthFinished([...from, '--to', newer.url]);
        expect(unnamed.code).toBe(6);
        expect(unnamed.stderr).toMatch(/25\.1 or later.*give the server's limit as maxAppendSize in the --to URL/);
        expect((await hearthFinished([...from, '--to', `${newer.url}&maxAppendSize=${256 * 1_048_576}`])).code).toBe(0);
      } finally {
        await newer.close();
      }
    } finally {
      cleanup();
    }
  }, 120_000);
});

/**
 * `hearth migrate` copied a stream's consecutive events in appends of up to 512 KiB, half the
 * default limit, whatever the target's: onto a server whose limit is lower, events each under
 * it stopped the migration as one append over it (decision 152's message then asked to raise
 * the server's limit). It copies in appends the target takes (EventStore.appendLimit).
 */
describe('hearth migrate onto a KurrentDB whose append limit is under 512 KiB', () => {
  it("copies a stream whose events are each under the target's limit and together over it, and verifies", async () => {
    const { dir, cleanup } = tempDir();
    const target = await startEsdbStandIn({ maxAppendSize: LIMIT });
    try {
      const file = join(dir, 'log.jsonl');
      const surveys = Array.from({ length: 6 }, (_, i) => survey('hh-long', [`skill-${i}`]).replace('"2016-02-01"', `"2016-02-0${i + 1}"`));
      writeFileSync(file, `${[register('hh-long'), ...surveys].join('\n')}\n`);
      const sqlite = ['--store', `sqlite:${join(dir, 'hearth.db')}`];
      writeFileSync(join(dir, 'divisions.json'), JSON.stringify(divisions));
      expect((await hearthFinished([...sqlite, 'divisions', 'load', join(dir, 'divisions.json')])).code).toBe(0);
      const imported = await hearthFinished([...sqlite, '--json', 'import', '--quiet', file]);
      expect(JSON.parse(imported.stdout)).toMatchObject({ accepted: 7, rejected: [] });
      const migrated = await hearthFinished(['migrate', '--from', `sqlite:${join(dir, 'hearth.db')}`, '--to', `${target.url}&maxAppendSize=${LIMIT}`]);
      expect({ code: migrated.code, stopped: /stopped/.test(migrated.stderr) }).toEqual({ code: 0, stopped: false });
    } finally {
      await target.close();
      cleanup();
    }
  });
});
