import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hearth, tempDir } from './support/cli';

/**
 * `generate` writes two files. Exit 2 changes nothing (docs/cli.md): --out was opened, and
 * emptied, before --divisions-out was found unwritable, so a refusal cost the file --out named.
 */
describe('hearth generate: its outputs', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const generate = (out: string, divisionsOut: string) => hearth(['generate', '--households', '5', '--seed', '1', '--out', out, '--divisions-out', divisionsOut]);

  it.each([
    ['a directory', (d: string) => (mkdirSync(join(d, 'tree')), join(d, 'tree')), 'it is a directory, not a file'],
    ['in a folder that does not exist', (d: string) => join(d, 'nowhere', 'tree.json'), 'no such file or directory'],
  ])('an unwritable --divisions-out (%s) is exit 2 with an existing --out as it was', (_, divisionsOut, why) => {
    const out = join(dir, 'keep.jsonl');
    writeFileSync(out, 'kept\n');
    const target = divisionsOut(dir);
    const r = generate(out, target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write --divisions-out ${target}: ${why}`);
    expect(readFileSync(out, 'utf8')).toBe('kept\n');
  });

  it('an unwritable --divisions-out is exit 2 with no --out made, not even through a dangling link', () => {
    mkdirSync(join(dir, 'tree'));
    const made = generate(join(dir, 'log.jsonl'), join(dir, 'tree'));
    expect(made.code).toBe(2);
    symlinkSync(join(dir, 'linked.jsonl'), join(dir, 'link.jsonl'));
    const linked = generate(join(dir, 'link.jsonl'), join(dir, 'tree'));
    expect(linked.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['link.jsonl', 'tree']);
  });

  it('writes over existing files once both can be written', () => {
    const [out, divisionsOut] = [join(dir, 'log.jsonl'), join(dir, 'tree.json')];
    writeFileSync(out, 'x'.repeat(1_000_000));
    writeFileSync(divisionsOut, 'x'.repeat(1_000_000));
    expect(generate(out, divisionsOut).code).toBe(0);
    for (const line of readFileSync(out, 'utf8').trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('householdId');
    expect(Array.isArray(JSON.parse(readFileSync(divisionsOut, 'utf8')))).toBe(true);
  });

  it('writes to /dev/null, which has no length to cut', () => {
    const r = generate('/dev/null', join(dir, 'tree.json'));
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0, stderr: expect.not.stringContaining('hearth:') });
  });
});
