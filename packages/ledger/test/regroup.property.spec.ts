import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { householdStream, referencePolicy } from '@hearth/domain';
import { importCommands, Ledger, regroupCommands } from '../src';
import { propertyRuns } from '@hearth/domain/testing';
import { oneVillage } from './support/one-village';


/**
 * One household's commands, in its own order: dates drawn at random (some run backwards), members that may not exist, a second
 * registration, and resends of the line before (a retry: its commandId, when it has one, answered as already handled).
 */
const householdLog = (id: string) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('register', 'add', 'remove', 'willing', 'again'),
      day: fc.integer({ min: 1, max: 28 }),
      member: fc.constantFrom('m1', 'm2', 'm3'),
      birthYear: fc.constantFrom(1970, 1990),
      ownId: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  ).map((steps) => [{ kind: 'register' as const, day: 1, member: 'm1', birthYear: 1980, ownId: false }, ...steps].reduce<string[]>((lines, s, i) => {
    const common = { householdId: id, on: `2016-02-${String(s.day).padStart(2, '0')}`, ...(s.ownId ? { commandId: `${id}-c${i}` } : {}) };
    switch (s.kind) {
      case 'register': return [...lines, JSON.stringify({ type: 'RegisterHousehold', ...common, divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: s.birthYear }] })];
      case 'add': return [...lines, JSON.stringify({ type: 'AddMember', ...common, memberId: s.member, birthYear: s.birthYear })];
      case 'remove': return [...lines, JSON.stringify({ type: 'RemoveMember', ...common, memberId: s.member, reason: 'left' })];
      case 'willing': return [...lines, JSON.stringify({ type: 'DeclareWillingness', ...common, memberId: s.member })];
      case 'again': return [...lines, lines[lines.length - 1] as string];
    }
  }, []));

/** Households' logs interleaved as `choices` say, each household's lines kept in its order. */
const interleave = (logs: readonly string[][], choices: readonly number[]): string[] => {
  const queues = logs.map((l) => [...l]);
  const out: string[] = [];
  let c = 0;
  for (;;) {
    const open = queues.filter((q) => q.length > 0);
    if (open.length === 0) return out;
    out.push((open[(choices[c++ % Math.max(1, choices.length)] ?? 0) % open.length] as string[]).shift() as string);
  }
};

/** Whether some household's lines are apart in `lines` (another household's between them). */
const isInterleaved = (lines: readonly string[]): boolean => {
  const runs = lines.map((l) => (JSON.parse(l) as { householdId: string }).householdId).filter((id, k, ids) => id !== ids[k - 1]);
  return new Set(runs).size < runs.length;
};

describe('regrouping an import file (property)', () => {
  it('for any interleaving of households, importing the regrouped file appends what importing the file appends, stream for stream, with the same outcomes a household', async () => {
    const ids = ['h1', 'h2', 'h3', 'h4'];
    const met = { interleaved: 0, rejected: 0, unchanged: 0 };
    await fc.assert(
      fc.asyncProperty(fc.tuple(...ids.map(householdLog)), fc.array(fc.nat(7), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (logs, choices, perPart) => {
        const dir = mkdtempSync(join(tmpdir(), 'hearth-regroup-prop-'));
        try {
          const source = join(dir, 'source.jsonl');
          const lines = interleave(logs, choices);
          writeFileSync(source, lines.join('\n'));
          const grouped = join(dir, 'grouped.jsonl');
          const out = createWriteStream(grouped);
          await regroupCommands({ source, out, scratchDir: dir, householdsPerPart: perPart });
          await new Promise<void>((done) => out.end(done));
          const outcome = async (file: string, name: string) => {
            const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, `${name}.db`)}`, policy: referencePolicy });
            try {
              await ledger.recordDivisionTree(oneVillage, '2016-01-01');
              const s = await importCommands(ledger, { source: file, batchSize: 3 });
              const streams = await Promise.all(ids.map(async (id) => (await ledger.store.readStream(householdStream(id))).map((e) => [e.type, e.data, e.metadata.occurredOn, e.metadata.commandId])));
              const rejected = s.rejected.map((r) => `${r.householdId} ${r.type} ${r.code}`).sort();
              return { accepted: s.accepted, unchanged: s.unchanged, rejected, streams };
            } finally {
              await ledger.close();
            }
          };
          const regrouped = await outcome(grouped, 'regrouped');
          const direct = await outcome(source, 'direct');
          expect(regrouped).toEqual(direct);
          if (isInterleaved(lines)) met.interleaved++;
          if (direct.rejected.length > 0) met.rejected++;
          if (direct.unchanged > 0) met.unchanged++;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      propertyRuns(30, process.env),
    );
    // The files had households' lines apart for the regrouping to bring together, and their imports rejected and answered retries as already handled:
    // the outcomes compared were not only acceptances of a file left as it was.
    expect(met.interleaved).toBeGreaterThan(10);
    expect(met.rejected).toBeGreaterThan(10);
    expect(met.unchanged).toBeGreaterThan(5);
  });
});
