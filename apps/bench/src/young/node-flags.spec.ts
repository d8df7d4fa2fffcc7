import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HEARTH_BIN, PRODUCT_NODE_FLAGS } from '../child';
import { SERVICE_ARGS } from '../load/service-process';
import { hasNodeFlags, shebangNodeFlags } from './product-flags';

// The product's node flags live in the `hearth` executable's shebang
// (docs/decisions/0092-a-larger-young-generation.md). What ties every other place to it:
// the service's shebang, the root scripts that start the two, and the bench's children
// (the load bench's service among them).
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../../..');
const SERVICE_BIN = join(ROOT, 'apps/api/bin/hearth-api.js');

/** Runs an executable through its shebang, as `npx hearth` and `npm start` do, and returns the node flags its process saw. */
const execArgvOf = (executable: string, args: readonly string[]): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-node-flags-'));
  try {
    const out = join(dir, 'exec-argv.json');
    const probe = join(dir, 'probe.js');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.execArgv)));\n`);
    const r = spawnSync(executable, args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    if (r.status !== 0) throw new Error(`${executable} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
    return JSON.parse(readFileSync(out, 'utf8')) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe("the product's node flags", () => {
  it('are a larger young generation, read from the hearth executable', () => {
    expect(PRODUCT_NODE_FLAGS).toEqual(shebangNodeFlags(HEARTH_BIN));
    const semi = PRODUCT_NODE_FLAGS.find((f) => f.startsWith('--max-semi-space-size='));
    expect(Number(semi?.split('=')[1])).toBeGreaterThan(16); // V8's default on Node 20
  });

  it('are the same in the service executable', () => {
    expect(shebangNodeFlags(SERVICE_BIN)).toEqual(PRODUCT_NODE_FLAGS);
  });

  it('reach the process when the executables run through their shebang', () => {
    expect(execArgvOf(HEARTH_BIN, ['--help'])).toEqual(PRODUCT_NODE_FLAGS);
    expect(execArgvOf(SERVICE_BIN, ['--help'])).toEqual(PRODUCT_NODE_FLAGS);
  });

  it('are not dropped by the root scripts: npm start and npm run hearth run the executables themselves, not `node FILE`', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe('apps/api/bin/hearth-api.js');
    expect(scripts['hearth']).toBe('apps/cli/bin/hearth.js');
    for (const bin of [HEARTH_BIN, SERVICE_BIN]) expect(statSync(bin).mode & 0o111).toBe(0o111);
  });

  it("are given to the service the load bench starts, which runs `node ARGS` and not the shebang", () => {
    expect(SERVICE_ARGS).toEqual([...PRODUCT_NODE_FLAGS, SERVICE_BIN]);
  });
});

describe('shebangNodeFlags', () => {
  const shebang = (line: string): readonly string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-shebang-'));
    try {
      writeFileSync(join(dir, 'x.js'), `${line}\nrequire('x');\n`);
      return shebangNodeFlags(join(dir, 'x.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads every flag after node, and none from a plain shebang', () => {
    expect(shebang('#!/usr/bin/env -S node --max-semi-space-size=64 --stack-size=2000')).toEqual(['--max-semi-space-size=64', '--stack-size=2000']);
    expect(shebang('#!/usr/bin/env node')).toEqual([]);
  });

  it('refuses a first line it cannot read rather than guessing no flags', () => {
    expect(() => shebang('#!/bin/sh')).toThrow(/does not start with/);
    expect(() => shebang("require('tsx/cjs');")).toThrow(/does not start with/);
  });
});

describe('hasNodeFlags', () => {
  it('counts a flag given with any value, and misses one not given', () => {
    const flags = ['--max-semi-space-size=64'];
    expect(hasNodeFlags(flags, ['--max-semi-space-size=64'])).toBe(true);
    expect(hasNodeFlags(flags, ['--max-semi-space-size=16', '--require', 'x'])).toBe(true);
    expect(hasNodeFlags(flags, ['--require', 'x', '--max-old-space-size=4096'])).toBe(false);
    expect(hasNodeFlags(flags, [])).toBe(false);
    expect(hasNodeFlags([], [])).toBe(true);
  });
});
