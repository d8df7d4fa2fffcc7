import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { householdStream, referencePolicy } from '@hearth/domain';
import { importCommands, Ledger, lineCommandId, regroupCommands, RegroupSummary } from '../src';
import { oneVillage, registerLine } from './support/one-village';

const addMember = (id: string, on: string, memberId: string) => JSON.stringify({ type: 'AddMember', householdId: id, on, memberId, birthYear: 1990 });
const removeMember = (id: string, on: string, memberId: string) => JSON.stringify({ type: 'RemoveMember', householdId: id, on, memberId, reason: 'left' });

describe('regrouping an import file by household', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-regroup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const regroup = async (content: string | Buffer, householdsPerPart = 2): Promise<{ summary: RegroupSummary; lines: string[] }> => {
    const source = join(dir, 'source.jsonl');
    writeFileSync(source, content);
    const outPath = join(dir, 'grouped.jsonl');
    const out = createWriteStream(outPath);
    const summary = await regroupCommands({ source, out, scratchDir: dir, householdsPerPart });
    await new Promise<void>((done) => out.end(done));
    return { summary, lines: readFileSync(outPath, 'utf8').split('\n').slice(0, -1) };
  };
  const householdsOf = (lines: readonly string[]): string[] => lines.map((l) => (JSON.parse(l) as { householdId: string }).householdId);
  const datesOf = (lines: readonly string[]): string[] => lines.map((l) => (JSON.parse(l) as { on: string }).on);

  it('writes the households in the order of their ids, each one\'s lines in their order, across parts of two households', async () => {
    const source = [
      registerLine('c', '2016-01-01'), registerLine('a', '2016-01-02'), addMember('c', '2016-01-03', 'm2'), registerLine('e', '2016-01-04'),
      registerLine('b', '2016-01-05'), addMember('a', '2016-01-06', 'm2'), registerLine('d', '2016-01-07'), removeMember('c', '2016-01-08', 'm2'),
      addMember('e', '2016-01-09', 'm2'), addMember('d', '2016-01-10', 'm2'),
    ];
    const { summary, lines } = await regroup(source.join('\n'));
    expect(householdsOf(lines)).toEqual(['a', 'a', 'b', 'c', 'c', 'c', 'd', 'd', 'e', 'e']);
    expect(datesOf(lines)).toEqual(['2016-01-02', '2016-01-06', '2016-01-05', '2016-01-01', '2016-01-03', '2016-01-08', '2016-01-07', '2016-01-10', '2016-01-04', '2016-01-09']);
    expect(summary).toEqual({ lines: 10, households: 5, written: 10, commandIdsAdded: 10, leftOut: [] });
  });

  it('gives a line without a commandId the one the import derives at its place in the source, and leaves a line with its own as it is', async () => {
    const own = registerLine('b', '2016-01-02', { commandId: 'caseworker-7' });
    const { summary, lines } = await regroup([registerLine('a', '2016-01-01'), own, addMember('a', '2016-01-03', 'm2')].join('\n'));
    expect(lines).toEqual([
      `{"commandId":"${lineCommandId(registerLine('a', '2016-01-01'), 1)}",${registerLine('a', '2016-01-01').slice(1)}`,
      `{"commandId":"${lineCommandId(addMember('a', '2016-01-03', 'm2'), 3)}",${addMember('a', '2016-01-03', 'm2').slice(1)}`,
      own,
    ]);
    expect(summary.commandIdsAdded).toBe(2);
  });

  it('reads lines as the import does (a byte-order mark skipped, CRLF, a lone CR inside a line) and leaves out, by number, every line the import rejects wherever it stands', async () => {
    const content = Buffer.concat([
      Buffer.from(`\uFEFF${registerLine('a', '2016-01-01')}\r\nnope\r\n\r\n[1,2]\n{"type":"ClearHousehold","on":"2016-01-02"}\n`),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from(`${JSON.stringify({ type: 'ClearHousehold', householdId: 'a', on: '2016-01-03', note: 'n'.repeat(1024 * 1024) })}\n{"type":"ClearHousehold",\r"householdId":"a","on":"2016-01-04"}\n`),
    ]);
    const { summary, lines } = await regroup(content);
    expect(summary.leftOut.map((l) => l.line)).toEqual([2, 4, 5, 6, 7]);
    expect(summary.leftOut.map((l) => l.reason)).toEqual(['not JSON', 'not a JSON object', 'no householdId string', 'line is not valid UTF-8 text', expect.stringContaining('bytes long')]);
    expect(summary.lines).toBe(7);
    expect(lines).toHaveLength(2);
    // The first line's id is derived from its text without the byte-order mark, as the import derives it.
    expect(JSON.parse(lines[0] as string).commandId).toBe(lineCommandId(registerLine('a', '2016-01-01'), 1));
    expect(lines[1]).toContain('ClearHousehold",\r"householdId"');
  });

  it('importing the regrouped file appends, stream for stream, what importing the source appends; importing both appends each command once', async () => {
    const source = [
      registerLine('h1', '2016-01-01'), registerLine('h2', '2016-01-01'), addMember('h1', '2016-01-05', 'm2'),
      addMember('h2', '2016-01-03', 'm2'), registerLine('h1', '2016-01-06'), removeMember('h2', '2016-01-02', 'm2'), // ALREADY_REGISTERED, BACKDATED
      removeMember('h1', '2016-01-07', 'm9'), registerLine('h3', '2016-01-08'), removeMember('h1', '2016-01-09', 'm2'), // UNKNOWN_MEMBER
    ];
    const { lines } = await regroup(source.join('\n'));
    const grouped = join(dir, 'grouped.jsonl');
    const outcomes = async (name: string, files: readonly string[]) => {
      const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, `${name}.db`)}`, policy: referencePolicy });
      try {
        await ledger.recordDivisionTree(oneVillage, '2016-01-01');
        const summaries = [];
        for (const file of files) summaries.push(await importCommands(ledger, { source: file, batchSize: 2 }));
        const streams: Record<string, unknown[]> = {};
        for (const id of ['h1', 'h2', 'h3'])
          streams[id] = (await ledger.store.readStream(householdStream(id))).map((e) => ({
            version: e.streamVersion, type: e.type, data: e.data, occurredOn: e.metadata.occurredOn, commandId: e.metadata.commandId,
          }));
        return { summaries, streams };
      } finally {
        await ledger.close();
      }
    };
    const direct = await outcomes('direct', [join(dir, 'source.jsonl')]);
    const regrouped = await outcomes('regrouped', [grouped]);
    expect(lines).toHaveLength(9);
    expect(regrouped.streams).toEqual(direct.streams);
    expect((direct.streams['h1'] as unknown[]).length).toBe(3);
    const [d] = direct.summaries;
    const [r] = regrouped.summaries;
    expect([r?.accepted, r?.rejected.map((x) => x.code).sort()]).toEqual([d?.accepted, d?.rejected.map((x) => x.code).sort()]);
    expect(d?.rejected.map((x) => x.code).sort()).toEqual(['ALREADY_REGISTERED', 'BACKDATED', 'UNKNOWN_MEMBER']);

    const both = await outcomes('both', [join(dir, 'source.jsonl'), grouped]);
    expect(both.summaries[1]?.accepted).toBe(0);
    expect(both.streams).toEqual(direct.streams);
  });

  it('writes a part larger than one output chunk, and a line near the 1 MiB limit, byte for byte', async () => {
    const long = (id: string, on: string) => JSON.stringify({ type: 'ClearHousehold', householdId: id, on, commandId: `${id}-${on}`, note: 'é'.repeat(500_000) });
    const source = [long('a', '2016-01-01'), registerLine('b', '2016-01-02', { commandId: 'b1' }), long('b', '2016-01-03'), long('a', '2016-01-04'), registerLine('a', '2016-01-05', { commandId: 'a1' })];
    const { lines } = await regroup(source.join('\n'), 4096);
    expect(Buffer.byteLength(source[0] as string)).toBeGreaterThan(1_000_000);
    expect(lines).toEqual([source[0], source[3], source[4], source[1], source[2]]);
  });

  it('removes its scratch files after writing, and after a write that fails', async () => {
    const scratch = join(dir, 'scratch');
    const source = join(dir, 'source.jsonl');
    writeFileSync(source, [registerLine('a', '2016-01-01'), registerLine('b', '2016-01-01'), registerLine('c', '2016-01-01')].join('\n'));
    mkdirSync(scratch);
    const collected: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (collected.push(chunk.toString()), done()) });
    await regroupCommands({ source, out: sink, scratchDir: scratch, householdsPerPart: 1 });
    expect(readdirSync(scratch)).toEqual([]);
    expect(collected.join('').split('\n')).toHaveLength(4);

    const failing = new Writable({ write: (_c, _e, done) => done(new Error('disk full')) });
    failing.on('error', () => undefined);
    await expect(regroupCommands({ source, out: failing, scratchDir: scratch, householdsPerPart: 1 })).rejects.toThrow('disk full');
    expect(readdirSync(scratch)).toEqual([]);
  });
});
